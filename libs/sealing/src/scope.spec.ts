import { encryptionLabel, parseScope, scopeOf, SealedSecretsAnnotation, SealingScope, withScopeAnnotations } from './scope';

describe('scopes', () => {
  it.each([
    ['myns', 'myname', SealingScope.Strict, 'myns/myname'],
    ['myns', 'myname', SealingScope.NamespaceWide, 'myns'],
    ['myns', 'myname', SealingScope.ClusterWide, ''],
    ['', 'myname', SealingScope.Strict, '/myname'],
  ])('labels %s/%s in scope %s as %j', (ns, name, scope, want) => {
    expect(encryptionLabel(ns, name, scope).toString()).toBe(want);
  });

  it('reads scope from annotations: cluster-wide wins, only "true" counts', () => {
    const a = (annotations: Record<string, string>) => scopeOf({ annotations });
    expect(a({})).toBe(SealingScope.Strict);
    expect(a({ [SealedSecretsAnnotation.NamespaceWide]: 'true' })).toBe(SealingScope.NamespaceWide);
    expect(a({ [SealedSecretsAnnotation.NamespaceWide]: 'true', [SealedSecretsAnnotation.ClusterWide]: 'true' })).toBe(SealingScope.ClusterWide);
    expect(a({ [SealedSecretsAnnotation.ClusterWide]: 'True' })).toBe(SealingScope.Strict);
    expect(scopeOf(undefined)).toBe(SealingScope.Strict);
  });

  it('rewrites scope annotations', () => {
    const anno = { keep: 'x', [SealedSecretsAnnotation.ClusterWide]: 'true' };
    expect(withScopeAnnotations(anno, SealingScope.NamespaceWide)).toEqual({ keep: 'x', [SealedSecretsAnnotation.NamespaceWide]: 'true' });
    expect(withScopeAnnotations(anno, SealingScope.Strict)).toEqual({ keep: 'x' });
  });

  it('parses --scope values', () => {
    expect(parseScope('')).toBe(SealingScope.Strict);
    expect(parseScope('cluster-wide')).toBe(SealingScope.ClusterWide);
    expect(() => parseScope('global')).toThrow('must be one of');
  });
});
