import { isDeletionApproved, isSelected } from './operation';

describe('isSelected', () => {
  const key = { group: 'apps', kind: 'Deployment', namespace: 'web', name: 'guestbook-ui' };
  it.each([
    [undefined, true],
    [[], true],
    [[{ group: 'apps', kind: 'Deployment', name: 'guestbook-ui' }], true],
    [[{ group: 'apps', kind: 'Deployment', name: 'guestbook-ui', namespace: 'web' }], true],
    [[{ group: 'apps', kind: 'Deployment', name: 'guestbook-ui', namespace: 'other' }], false],
    [[{ kind: 'Deployment', name: 'guestbook-ui' }], false],
  ])('%j → %s', (resources, expected) => {
    expect(isSelected(resources, key)).toBe(expected);
  });
});

describe('isDeletionApproved', () => {
  const startedAt = '2026-11-29T10:00:00Z';
  it.each([
    [undefined, false],
    [{}, false],
    [{ 'argocd.argoproj.io/deletion-approved': '2026-11-29T09:59:59Z' }, false],
    [{ 'argocd.argoproj.io/deletion-approved': '2026-11-29T10:00:00Z' }, true],
    [{ 'argocd.argoproj.io/deletion-approved': '2026-11-29T11:00:00+01:00' }, true],
    [{ 'argocd.argoproj.io/deletion-approved': 'yes' }, false],
  ])('%j → %s', (annotations, expected) => {
    expect(isDeletionApproved(annotations, startedAt)).toBe(expected);
  });
});
