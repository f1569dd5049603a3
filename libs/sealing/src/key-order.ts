import type { SealingKey } from './keys';

/** Which time decides the latest key (upstream's `--key-order-priority`). */
export const KeyOrderPriority = {
  CertNotBefore: 'CertNotBefore',
  SecretCreationTimestamp: 'SecretCreationTimestamp',
} as const;
/** One of {@link KeyOrderPriority}. */
export type KeyOrderPriority = (typeof KeyOrderPriority)[keyof typeof KeyOrderPriority];

/** The ordering time of a key Secret under the chosen priority. */
export function keyOrderingTime(key: SealingKey, creationTimestamp: string | undefined, priority: KeyOrderPriority): Date {
  if (priority === KeyOrderPriority.SecretCreationTimestamp && creationTimestamp) return new Date(creationTimestamp);
  return key.notBefore;
}
