import { main } from '@fjord/platform';
import { repoServer } from './service';

main(repoServer);
