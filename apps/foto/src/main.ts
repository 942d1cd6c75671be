import { runService } from '@bron/infra';
import { FotoModule } from './app.module';

runService(FotoModule.register(), 'foto');
