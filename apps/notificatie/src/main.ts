import { startService } from '@bron/infra';
import { NotificatieModule } from './app.module';

void startService(NotificatieModule.register());
