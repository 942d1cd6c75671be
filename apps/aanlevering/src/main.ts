import { startService } from '@bron/infra';
import { AanleveringModule } from './app.module';

void startService(AanleveringModule.register());
