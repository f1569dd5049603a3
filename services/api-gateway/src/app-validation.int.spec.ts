/**
 * Issue 15 part 7: the gateway accepts nothing a sync would refuse. On the real gateway, repo-server, controller,
 * Git server and cluster: a destination denied by a `!namespace` entry, a missing repo, revision or path (unless
 * `?validate=false`), wrongly typed fields, a 200,000-deep body, all refused with 400 / INVALID_ARGUMENT naming
 * the field, on create and update, REST and gRPC; credentials written in a repoURL appear in no message.
 */
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { eventually, testKubeConfig } from '@fjord/devkit';
import { application, applicationTypes } from '@fjord/proto';
import { grpcCall, insecure, startGatewayHarness, type GatewayHarness } from '../test/gateway-harness';

jest.setTimeout(60_000);
let h: GatewayHarness;
let grpc: application.ApplicationServiceClient;

beforeAll(async () => {
  h = await startGatewayHarness({ prefix: 'fjord-gw-validate', controller: true });
  grpc = new application.ApplicationServiceClient(h.grpcAddress, insecure());
  const project = {
    metadata: { name: 'no-kube-system' },
    spec: {
      sourceRepos: ['*'],
      destinations: [
        { server: '*', namespace: '*' },
        { server: '*', namespace: '!kube-system' },
      ],
    },
  };
  expect((await h.call('POST', '/api/v1/projects', { token: h.adminToken, body: { project } })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  grpc?.close();
  await h?.stop();
});

const app = (name: string, spec: Record<string, unknown> = {}, source: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    project: 'default',
    source: { repoURL: h.repoURL, path: 'guestbook', targetRevision: 'HEAD', ...source },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'team-a' },
    ...spec,
  },
});
const create = (body: unknown, query = '') => h.call('POST', `/api/v1/applications${query}`, { token: h.adminToken, body });
const grpcCreate = (a: ReturnType<typeof app>, validate?: boolean) =>
  grpcCall(
    grpc,
    grpc.create,
    {
      application: applicationTypes.Application.fromPartial({
        metadata: { name: a.metadata.name },
        spec: {
          project: a.spec.project as string,
          source: { repoUrl: (a.spec.source as { repoURL: string }).repoURL, path: (a.spec.source as { path: string }).path },
          destination: a.spec.destination as never,
        },
      }),
      upsert: false,
      validate,
    },
    h.grpcAuth(h.adminToken),
  ).catch((err: ServiceError) => err);

describe('destinations: a `!namespace` entry denies, as the controller decides at sync time', () => {
  const denied = () => app('denied', { project: 'no-kube-system', destination: { server: 'https://kubernetes.default.svc', namespace: 'kube-system' } });

  it('REST create and update refuse it with 400 naming the destination and the project', async () => {
    const res = await create(denied());
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(
      /destination server 'https:\/\/kubernetes.default.svc' and namespace 'kube-system' do not match any of the allowed destinations in project 'no-kube-system'/,
    );
    expect((await create(app('allowed', { project: 'no-kube-system' }))).status).toBe(200);
    const put = await h.call('PUT', '/api/v1/applications/allowed', { token: h.adminToken, body: { ...denied(), metadata: { name: 'allowed' } } });
    expect(put.status).toBe(400);
    expect(put.json.message).toMatch(/namespace 'kube-system' do not match/);
  });

  it('gRPC create refuses it with INVALID_ARGUMENT', async () => {
    const err = (await grpcCreate(denied())) as ServiceError;
    expect(err.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(err.details).toMatch(/namespace 'kube-system' do not match/);
  });
});

describe('sources are checked through the repo-server unless ?validate=false', () => {
  it('a missing repository is 400 naming spec.source.repoURL', async () => {
    const res = await create(app('no-repo', {}, { repoURL: `${h.git.url}/missing.git` }));
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/^spec\.source\.repoURL: cannot resolve HEAD in http:\/\/127\.0\.0\.1:\d+\/missing\.git/);
  });

  it('a missing revision is 400 naming spec.source.targetRevision', async () => {
    const res = await create(app('no-rev', {}, { targetRevision: 'no-such-branch' }));
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/^spec\.source\.targetRevision: .*revision "no-such-branch" not found/);
  });

  it('a missing path is 400 naming spec.source.path, on create and update, REST and gRPC', async () => {
    const res = await create(app('no-path', {}, { path: 'no/such/dir' }));
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/^spec\.source\.path: unable to generate manifests in no\/such\/dir/);
    const err = (await grpcCreate(app('no-path', {}, { path: 'no/such/dir' }))) as ServiceError;
    expect(err.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(err.details).toMatch(/^spec\.source\.path: /);
    expect((await create(app('good-path'))).status).toBe(200);
    const put = await h.call('PUT', '/api/v1/applications/good-path', { token: h.adminToken, body: app('good-path', {}, { path: 'no/such/dir' }) });
    expect(put.status).toBe(400);
    expect(put.json.message).toMatch(/^spec\.source\.path: /);
  });

  it('?validate=false (and gRPC validate: false) skips the repo-server, as Argo CD does', async () => {
    expect((await create(app('unchecked', {}, { path: 'no/such/dir' }), '?validate=false')).status).toBe(200);
    expect(await grpcCreate(app('unchecked-grpc', {}, { path: 'no/such/dir' }), false)).toMatchObject({ metadata: { name: 'unchecked-grpc' } });
  });
});

describe('field types', () => {
  it.each([
    ['spec.project {}', { project: {} }, 'field spec.project must be a string, not an object'],
    ['spec.source a string', { source: 'x' }, 'field spec.source must be an object, not a string'],
    ['spec.destination a list', { destination: [] }, 'field spec.destination must be an object, not a list'],
    [
      'syncPolicy.automated.prune a string',
      { syncPolicy: { automated: { prune: 'yes' } } },
      'field spec.syncPolicy.automated.prune must be a boolean, not a string',
    ],
  ])('%s is 400 naming the field (create and update)', async (_what, spec, message) => {
    const res = await create(app('typed', spec));
    expect(res.status).toBe(400);
    expect(res.json.message).toBe(message);
    const put = await h.call('PUT', '/api/v1/applications/good-path', { token: h.adminToken, body: app('good-path', spec) });
    expect(put.status).toBe(400);
    expect(put.json.message).toBe(message);
  });

  it('a 200,000-deep JSON body is 400, and the gateway stays healthy', async () => {
    const res = await h.call('POST', '/api/v1/applications', { token: h.adminToken, raw: '['.repeat(200_000) + ']'.repeat(200_000) });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/body is nested deeper than 100 levels/);
    expect((await h.call('GET', '/api/version')).status).toBe(200);
  });
});

describe('credentials written in a repoURL', () => {
  const secretURL = () => `${h.git.url.replace('http://', 'http://ci-bot:hunter2-pw@')}/missing.git`;

  it('are redacted in the answer to a create', async () => {
    const res = await create(app('with-creds', {}, { repoURL: secretURL() }));
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('hunter2-pw');
    expect(res.json.message).toMatch(/http:\/\/\*\*\*@127\.0\.0\.1:\d+\/missing\.git/);
  });

  it('are redacted in the condition the controller writes', async () => {
    expect((await create(app('creds-condition', {}, { repoURL: secretURL() }), '?validate=false')).status).toBe(200);
    const custom = testKubeConfig().makeApiClient(CustomObjectsApi);
    const condition = await eventually(
      async () => {
        const live = (await custom.getNamespacedCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          plural: 'applications',
          namespace: h.ns.name,
          name: 'creds-condition',
        })) as { status?: { conditions?: { type: string; message: string }[] } };
        const c = live.status?.conditions?.find((x) => x.type === 'ComparisonError');
        if (!c) throw new Error('no ComparisonError yet');
        return c;
      },
      { timeoutMs: 30_000 },
    );
    expect(condition.message).not.toContain('hunter2-pw');
    expect(condition.message).toMatch(/http:\/\/\*\*\*@127\.0\.0\.1/);
    const got = await h.call('GET', '/api/v1/applications/creds-condition', { token: h.adminToken });
    expect(JSON.stringify((got.json.status as Record<string, unknown>).conditions)).not.toContain('hunter2-pw');
  });
});

describe('ref sources and $ref value files (multi-source apps)', () => {
  let commit: string; // the commit with the chart (HEAD may still resolve to an earlier one for a while)
  beforeAll(() => {
    commit = h.repo.commit({
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'charts/web/values.yaml': 'color: blue\n',
      'charts/web/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  color: {{ .Values.color | quote }}\n',
      'envs/prod/values.yaml': 'color: green\n',
    });
  });
  const multi = (name: string, valueFiles: string[], ref: Record<string, unknown> = { ref: 'values' }) => ({
    metadata: { name },
    spec: {
      project: 'default',
      sources: [
        { repoURL: h.repoURL, targetRevision: commit, ...ref },
        { repoURL: h.repoURL, targetRevision: commit, path: 'charts/web', helm: { valueFiles } },
      ],
      destination: { server: 'https://kubernetes.default.svc', namespace: 'team-a' },
    },
  });

  it('a chart with values from a ref source is accepted', async () => {
    const res = await create(multi('ref-ok', ['$values/envs/prod/values.yaml']));
    expect(res.json.message).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it.each([
    [
      'a $ref no source has',
      ['$values/envs/prod/values.yaml'],
      { path: 'guestbook' },
      'spec.sources[1].helm.valueFiles[0]: $values refers to no source with ref "values"',
    ],
    ['a bad ref name', [], { ref: 'my values' }, 'spec.sources[0].ref: "my values" is not a valid ref name'],
    [
      'a path out of the repository',
      ['$values/../../etc/passwd'],
      undefined,
      'spec.sources[1].helm.valueFiles[0]: $values/../../etc/passwd: the path leaves the repository of ref "values"',
    ],
    [
      'a missing file',
      ['$values/envs/none.yaml'],
      undefined,
      'spec.sources[1].helm.valueFiles[0]: unable to generate manifests in charts/web: helm.valueFiles[0]: $values/envs/none.yaml: no such file',
    ],
  ])('%s is 400 naming the field', async (_what, valueFiles, ref, message) => {
    const body = multi('ref-bad', valueFiles as string[], ref as Record<string, unknown> | undefined);
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.json.message).toContain(message);
  });
});
