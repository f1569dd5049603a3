import { hookTypes, isHook, isIgnoredHook, isSkipHook } from './index';

const withAnnotations = (annotations: Record<string, string>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', annotations } });

describe('hooks', () => {
  it('reads Argo CD and Helm hook annotations as Argo CD does', () => {
    expect(hookTypes(withAnnotations({ 'argocd.argoproj.io/hook': 'PreSync,PostSync' }))).toEqual(['PreSync', 'PostSync']);
    expect(hookTypes(withAnnotations({ 'helm.sh/hook': 'pre-install,post-upgrade' }))).toEqual(['PreSync', 'PostSync']);
    expect(isHook(withAnnotations({ 'helm.sh/hook': 'crd-install' }))).toBe(false);
    expect(isSkipHook(withAnnotations({ 'argocd.argoproj.io/hook': 'Skip' }))).toBe(true);
    expect(isHook(withAnnotations({ 'argocd.argoproj.io/hook': 'Skip' }))).toBe(false);
    expect(isIgnoredHook(withAnnotations({ 'helm.sh/hook': 'test' }))).toBe(true);
    expect(isHook(withAnnotations({}))).toBe(false);
  });
});
