import { validateAppFields } from './app-validation';

const app = (spec: Record<string, unknown>, metadata: unknown = { name: 'guestbook' }) => ({ metadata, spec });
const good = {
  project: 'default',
  source: { repoURL: 'https://git.example/r.git', path: 'a' },
  destination: { server: 'https://kubernetes.default.svc', namespace: 'x' },
};

describe('validateAppFields', () => {
  it('accepts the Argo CD docs shape', () => {
    expect(validateAppFields(app({ ...good, syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] } }))).toBeTruthy();
  });

  it.each([
    [app({ ...good, project: {} }), 'field spec.project must be a string, not an object'],
    [app({ ...good, source: 'x' }), 'field spec.source must be an object, not a string'],
    [app({ ...good, source: { repoURL: 7 } }), 'field spec.source.repoURL must be a string, not a number'],
    [app({ ...good, source: { path: 'a' } }), 'field spec.source.repoURL is required'],
    [app({ ...good, sources: [{ repoURL: 'r' }, 3] }), 'field spec.sources[1] must be an object, not a number'],
    [app({ ...good, destination: [] }), 'field spec.destination must be an object, not a list'],
    [app({ ...good, destination: { namespace: 1 } }), 'field spec.destination.namespace must be a string, not a number'],
    [app({ ...good, syncPolicy: { automated: { prune: 'yes' } } }), 'field spec.syncPolicy.automated.prune must be a boolean, not a string'],
    [app({ ...good, syncPolicy: { syncOptions: [1] } }), 'field spec.syncPolicy.syncOptions[0] must be a string, not a number'],
    [app({ ...good, revisionHistoryLimit: -1 }), 'field spec.revisionHistoryLimit must be a non-negative integer, not -1'],
    [app(good, { name: 'Bad_Name' }), 'field metadata.name must be a DNS subdomain name'],
    [app(good, { name: 'ok', labels: { a: 1 } }), 'field metadata.labels.a must be a string, not a number'],
    [app(good, null), 'field metadata must be an object, not null'],
    [{ metadata: { name: 'a' } }, 'field spec is required'],
    [[], 'field the application must be an object, not a list'],
  ])('refuses %j: %s', (body, message) => expect(() => validateAppFields(body)).toThrow(message));
});
