import { type Application, ConditionType } from '@fjord/argo';
import { nextStatus } from './status';
import { redactMessages } from './app-writer';

describe('credentials in a repoURL never reach status messages', () => {
  const app = {
    metadata: { name: 'a', namespace: 'argocd' },
    spec: { source: { repoURL: 'https://ci:s3cret@git.example/r.git', path: 'p' }, destination: { namespace: 'ns' } },
  } as unknown as Application;

  it('a ComparisonError condition shows the repoURL without its userinfo', () => {
    const message = 'failed to list refs of https://ci:s3cret@git.example/r.git: repository not found';
    const status = nextStatus(app, { kind: 'failed', conditionType: ConditionType.ComparisonError, message }, 't');
    expect(status.conditions).toEqual([
      { type: ConditionType.ComparisonError, message: 'failed to list refs of https://***@git.example/r.git: repository not found', lastTransitionTime: 't' },
    ]);
    // and it is stable: the same failure again keeps its transition time (no status write per resync)
    const again = nextStatus({ ...app, status }, { kind: 'failed', conditionType: ConditionType.ComparisonError, message }, 'later');
    expect(again.conditions?.[0].lastTransitionTime).toBe('t');
  });

  it('every message the status writer sends is redacted, at any depth', () => {
    expect(
      redactMessages({
        operationState: {
          message: "application repo https://u:p@h/r is not permitted in project 'x'",
          syncResult: { resources: [{ message: 'http://a:b@c/d', kind: 'x' }] },
        },
      }),
    ).toEqual({
      operationState: {
        message: "application repo https://***@h/r is not permitted in project 'x'",
        syncResult: { resources: [{ message: 'http://***@c/d', kind: 'x' }] },
      },
    });
  });
});
