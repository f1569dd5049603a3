import type { KubeObject } from '@fjord/k8s-yaml';
import { hookDeletePolicies, syncPhasesOf, syncWaveOf } from './phases';

const withAnnotations = (annotations: Record<string, string>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', annotations } });

describe('syncPhasesOf', () => {
  it.each([
    [{}, ['Sync']],
    [{ 'argocd.argoproj.io/hook': 'PreSync' }, ['PreSync']],
    [{ 'argocd.argoproj.io/hook': 'PostSync,PreSync' }, ['PreSync', 'PostSync']],
    [{ 'argocd.argoproj.io/hook': 'SyncFail' }, ['SyncFail']],
    [{ 'argocd.argoproj.io/hook': 'Skip' }, []],
    [{ 'argocd.argoproj.io/hook': 'PreSync,Skip' }, ['PreSync']],
    [{ 'argocd.argoproj.io/hook': 'PreDelete' }, []],
    [{ 'argocd.argoproj.io/hook': 'PostDelete' }, []],
    [{ 'helm.sh/hook': 'pre-install,pre-upgrade' }, ['PreSync']],
    [{ 'helm.sh/hook': 'post-install' }, ['PostSync']],
    [{ 'helm.sh/hook': 'test' }, []],
    [{ 'helm.sh/hook': 'crd-install' }, ['Sync']],
    [{ 'argocd.argoproj.io/hook': 'Sync', 'helm.sh/hook': 'pre-install' }, ['Sync']],
  ])('%j → %j', (annotations, phases) => {
    expect(syncPhasesOf(withAnnotations(annotations))).toEqual(phases);
  });
});

describe('syncWaveOf', () => {
  it.each([
    [{}, 0],
    [{ 'argocd.argoproj.io/sync-wave': '-5' }, -5],
    [{ 'argocd.argoproj.io/sync-wave': '+3' }, 3],
    [{ 'helm.sh/hook-weight': '7' }, 7],
    [{ 'argocd.argoproj.io/sync-wave': '2', 'helm.sh/hook-weight': '7' }, 2],
    [{ 'argocd.argoproj.io/sync-wave': 'two', 'helm.sh/hook-weight': '7' }, 7],
    [{ 'argocd.argoproj.io/sync-wave': '1.5' }, 0],
  ])('%j → %d', (annotations, wave) => {
    expect(syncWaveOf(withAnnotations(annotations))).toBe(wave);
  });
});

describe('hookDeletePolicies', () => {
  it.each([
    [{}, ['BeforeHookCreation']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,HookFailed' }, ['HookSucceeded', 'HookFailed']],
    [{ 'helm.sh/hook-delete-policy': 'hook-succeeded,before-hook-creation' }, ['HookSucceeded', 'BeforeHookCreation']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'HookFailed', 'helm.sh/hook-delete-policy': 'hook-succeeded' }, ['HookFailed', 'HookSucceeded']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'Sometimes' }, ['BeforeHookCreation']],
  ])('%j → %j', (annotations, policies) => {
    expect(hookDeletePolicies(withAnnotations(annotations))).toEqual(policies);
  });
});
