import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitFixture, repoRoot } from '@fjord/devkit';
import { ensureBinaries } from '@fjord/test-cluster';
import { parseAllDocuments } from 'yaml';

// `npx fjord render`, `fjord kustomize build` and `fjord kustomize edit set image`, run as a user runs them.

jest.setTimeout(120_000);
const bin = join(__dirname, '../../bin/fjord.js');
const corpus = join(repoRoot(), '../shared/corpus/argocd-example-apps');
const fjord = (args: string[], cwd = repoRoot()) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
const docs = (yaml: string) =>
  parseAllDocuments(yaml)
    .map((d) => d.toJS())
    .filter(Boolean);
let kustomize: string;
let helm: string;
let work: string;

beforeAll(async () => {
  ({ kustomize, helm } = await ensureBinaries({ log: () => undefined }));
  work = mkdtempSync(join(tmpdir(), 'fjord-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fjord render', () => {
  it('renders a local Kustomize app to the objects kustomize build gives', () => {
    const ours = fjord(['render', corpus, '--path', 'kustomize-guestbook']);
    expect(ours.stderr).toBe('');
    expect(ours.status).toBe(0);
    const theirs = spawnSync(kustomize, ['build', join(corpus, 'kustomize-guestbook')], { encoding: 'utf8' });
    expect(docs(ours.stdout)).toEqual(docs(theirs.stdout));
  });

  it('renders a Helm chart with --values, --set and --release-name to the objects helm template gives', () => {
    const chart = join(corpus, 'helm-guestbook');
    const flags = ['--values', 'values-production.yaml', '--set', 'replicaCount=2'];
    const ours = fjord(['render', corpus, '--path', 'helm-guestbook', '--release-name', 'gb', '--namespace', 'web', ...flags]);
    expect(ours.stderr).toBe('');
    const theirs = spawnSync(
      helm,
      ['template', 'gb', chart, '--namespace', 'web', '--values', join(chart, 'values-production.yaml'), '--set', 'replicaCount=2'],
      { encoding: 'utf8' },
    );
    expect(theirs.status).toBe(0);
    expect(docs(ours.stdout)).toEqual(docs(theirs.stdout));
  });

  it('prints a JSON List with -o json', () => {
    const res = fjord(['render', join(corpus, 'guestbook'), '-o', 'json']);
    const list = JSON.parse(res.stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((o: { kind: string }) => o.kind)).toEqual(['Deployment', 'Service']);
  });

  it('renders a Git repository at a given revision', () => {
    const repo = createGitFixture(join(work, 'config'));
    const first = repo.commit({ 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {v: "1"}\n' });
    repo.commit({ 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {v: "2"}\n' });
    const head = fjord(['render', `file://${repo.dir}`, '--path', 'app']);
    const old = fjord(['render', `file://${repo.dir}`, '--path', 'app', '--revision', first.slice(0, 8)]);
    expect(docs(head.stdout)[0].data.v).toBe('2');
    expect(docs(old.stdout)[0].data.v).toBe('1');
  });

  it('reports bad input on stderr with the file and line, and exits non-zero', () => {
    const dir = join(work, 'broken');
    createGitFixture(dir).commit({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n' });
    const res = fjord(['render', dir]);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^fjord: cm\.yaml:\d+/);
    expect(fjord(['render', dir, '-o', 'xml']).stderr).toContain('--output must be yaml or json');
  });
});

describe('fjord kustomize', () => {
  it('builds byte-identical to kustomize build', () => {
    const dir = join(corpus, 'kustomize-guestbook');
    expect(fjord(['kustomize', 'build', dir]).stdout).toBe(spawnSync(kustomize, ['build', dir], { encoding: 'utf8' }).stdout);
  });

  it('edit set image rewrites the kustomization in place, keeping comments, as CI does on a tag bump', () => {
    const dir = join(work, 'overlay');
    createGitFixture(dir).commit({
      'kustomization.yaml': '# production overlay\nresources:\n  - deploy.yaml # the app\nimages:\n  - name: my-app\n    newTag: old\n',
      'deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: my-app}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: my-app}]}\n',
    });
    const res = fjord(['kustomize', 'edit', 'set', 'image', 'my-app=registry/app:0123abc'], dir);
    expect(res.stderr).toBe('');
    const text = readFileSync(join(dir, 'kustomization.yaml'), 'utf8');
    expect(text).toContain('# production overlay');
    expect(text).toContain('# the app');
    const built = docs(spawnSync(kustomize, ['build', dir], { encoding: 'utf8' }).stdout);
    expect(built[0].spec.template.spec.containers[0].image).toBe('registry/app:0123abc');
  });

  it('says where no kustomization is', () => {
    const res = fjord(['kustomize', 'edit', 'set', 'image', 'a=b:c'], work);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`no kustomization file`);
  });
});
