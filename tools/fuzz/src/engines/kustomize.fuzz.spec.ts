import { describeFuzz } from '../describe-fuzz';

describeFuzz('kustomize');
