import { startService } from '@bron/infra';
import { FotoModule } from './app.module';

void startService(FotoModule.register());
