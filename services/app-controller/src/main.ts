import { main } from '@fjord/platform';
import { appController } from './service';

main(appController);
