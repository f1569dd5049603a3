import { SealedSecretsAnnotation } from './scope';
import { planSecretWrite, SecretWriteAction } from './secret-write';
import type { Secret } from './types';

const owner = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name: 's', uid: 'uid-1', controller: true };
const desired: Secret = {
  metadata: { name: 's', namespace: 'n', labels: { new: 'l' }, annotations: { a: 'new' }, ownerReferences: [owner] },
  type: 'Opaque',
  data: { k: 'bmV3' },
};
const live = (meta: Secret['metadata'], data = { k: 'b2xk', other: 'eA==' }): Secret => ({
  metadata: { name: 's', namespace: 'n', resourceVersion: '7', ...meta },
  type: 'Opaque',
  data,
});

describe('planSecretWrite', () => {
  it('creates a missing Secret', () => {
    expect(planSecretWrite(undefined, desired, 'uid-1')).toEqual({ action: SecretWriteAction.Create, secret: desired });
  });

  it('refuses a Secret that is neither owned nor annotated', () => {
    expect(planSecretWrite(live({}), desired, 'uid-1')).toEqual({
      action: SecretWriteAction.Refuse,
      message: 'Resource "s" already exists and is not managed by SealedSecret',
    });
    expect(planSecretWrite(live({ ownerReferences: [{ ...owner, uid: 'someone-else' }] }), desired, 'uid-1').action).toBe(SecretWriteAction.Refuse);
  });

  it('replaces data, labels, annotations and owners of an owned Secret, keeping its resourceVersion', () => {
    const plan = planSecretWrite(live({ ownerReferences: [owner], labels: { old: 'l' } }), desired, 'uid-1');
    expect(plan.action).toBe(SecretWriteAction.Update);
    expect(plan.secret).toMatchObject({ data: { k: 'bmV3' }, metadata: { resourceVersion: '7', labels: { new: 'l' }, annotations: { a: 'new' } } });
    expect(plan.secret!.data).not.toHaveProperty('other');
  });

  it('takes over a managed Secret', () => {
    const plan = planSecretWrite(live({ annotations: { [SealedSecretsAnnotation.Managed]: 'true' } }), desired, 'uid-1');
    expect(plan.action).toBe(SecretWriteAction.Update);
    expect(plan.secret!.metadata!.ownerReferences).toEqual([owner]);
  });

  it('merges into a patch Secret, adding owners only when also managed', () => {
    const patched = planSecretWrite(live({ annotations: { [SealedSecretsAnnotation.Patch]: 'true' }, labels: { old: 'l' } }), desired, 'uid-1');
    expect(patched.secret).toMatchObject({ data: { k: 'bmV3', other: 'eA==' }, metadata: { labels: { old: 'l', new: 'l' } } });
    expect(patched.secret!.metadata!.ownerReferences).toBeUndefined();
    const both = planSecretWrite(
      live({ annotations: { [SealedSecretsAnnotation.Patch]: 'true', [SealedSecretsAnnotation.Managed]: 'true' } }),
      desired,
      'uid-1',
    );
    expect(both.secret!.metadata!.ownerReferences).toEqual([owner]);
  });

  it('reports unchanged when the live Secret already matches', () => {
    const same: Secret = { ...structuredClone(desired), metadata: { ...structuredClone(desired.metadata), resourceVersion: '9' } };
    expect(planSecretWrite(same, desired, 'uid-1')).toEqual({ action: SecretWriteAction.Unchanged });
  });
});
