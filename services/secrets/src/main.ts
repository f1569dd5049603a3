import { main } from '@fjord/platform';
import { secrets } from './service';

main(secrets);
