import { describeFuzz } from '../describe-fuzz';

describeFuzz('helm-values');
