import type { ApplicationSource } from './application';
import type { OperationInitiator } from './operation';

/** One entry of `status.history[]`: a deployment (single source: revision/source; multi-source: revisions/sources). */
export interface RevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  deployedAt: string;
  deployStartedAt?: string;
  initiatedBy?: OperationInitiator;
}
