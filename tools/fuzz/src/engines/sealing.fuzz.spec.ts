import { describeFuzz } from '../describe-fuzz';

describeFuzz('sealing');
