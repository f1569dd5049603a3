import { describeFuzz } from '../describe-fuzz';

describeFuzz('yaml');
