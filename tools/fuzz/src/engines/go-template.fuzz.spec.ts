import { describeFuzz } from '../describe-fuzz';

describeFuzz('go-template');
