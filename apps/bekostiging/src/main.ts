import { runService } from '@bron/infra';
import { BekostigingModule } from './app.module';

runService(BekostigingModule.register(), 'bekostiging');
