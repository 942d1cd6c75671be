import { startService } from '@bron/infra';
import { BekostigingModule } from './app.module';

void startService(BekostigingModule.register());
