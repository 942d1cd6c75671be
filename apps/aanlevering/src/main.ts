import { runService } from '@bron/infra';
import { AanleveringModule } from './app.module';

runService(AanleveringModule.register(), 'aanlevering');
