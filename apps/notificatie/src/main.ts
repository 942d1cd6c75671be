import { runService } from '@bron/infra';
import { NotificatieModule } from './app.module';

runService(NotificatieModule.register(), 'notificatie');
