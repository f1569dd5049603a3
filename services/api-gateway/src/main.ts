import { main } from '@fjord/platform';
import { apiGateway } from './service';

main(apiGateway);
