import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installCrds, repoRoot, testKubeConfig } from '@fjord/devkit';
import { renderDirectory } from '@fjord/render';
import { DiskFileSystem } from '@fjord/repo-fs';
import { ensureBinaries } from '@fjord/test-cluster';
import { parse } from 'yaml';

// Every plain-directory app of the corpus renders to the same objects, in the same order, as
// `kubectl apply --dry-run=client -f DIR -o yaml` lists them (kubectl is the oracle for plain directories).

jest.setTimeout(300_000);
const corpusRoot = join(repoRoot(), '../shared/corpus');
const corpus = new DiskFileSystem(corpusRoot);
type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> };

/**
 * What kubectl changes on a client dry-run that a renderer does not: the last-applied annotation, the default
 * namespace, and no namespace on cluster-scoped kinds.
 */
function normalize(o: Obj, clusterScoped: Set<string>): Obj {
  const copy = structuredClone(o);
  const meta = copy.metadata ?? {};
  if (clusterScoped.has(String(copy.kind))) delete meta.namespace;
  const ann = meta.annotations as Record<string, string> | undefined;
  if (ann) {
    delete ann['kubectl.kubernetes.io/last-applied-configuration'];
    if (Object.keys(ann).length === 0) delete meta.annotations;
  }
  if (meta.namespace === 'default') delete meta.namespace;
  return copy;
}

function plainApps(): string[] {
  const isPlain = (dir: string) =>
    !['kustomization.yaml', 'kustomization.yml', 'Kustomization', 'Chart.yaml'].some((f) => existsSync(join(corpusRoot, dir, f)));
  const e2e = readdirSync(join(corpusRoot, 'argo-cd-e2e'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `argo-cd-e2e/${d.name}`);
  return ['argocd-example-apps/guestbook', ...e2e].filter(isPlain);
}

describe('plain directories of the corpus, against kubectl', () => {
  let kubectl: string;
  let clusterScoped: Set<string>;
  beforeAll(async () => {
    kubectl = (await ensureBinaries({ log: () => undefined })).kubectl;
    await installCrds(testKubeConfig());
    const resources = spawnSync(kubectl, ['--kubeconfig', process.env.FJORD_TEST_KUBECONFIG!, 'api-resources', '--namespaced=false', '--no-headers'], {
      encoding: 'utf8',
    });
    clusterScoped = new Set(
      resources.stdout
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).pop()!),
    );
  });

  it('render to the objects kubectl lists, for every app kubectl can read', () => {
    const equal: string[] = [];
    const rejectedByBoth: string[] = [];
    const kubectlCannotMap: string[] = [];
    const problems: string[] = [];
    for (const app of plainApps()) {
      let ours: Obj[] | Error;
      try {
        ours = renderDirectory(corpus, app) as Obj[];
      } catch (err) {
        ours = err as Error;
      }
      const run = spawnSync(
        kubectl,
        ['--kubeconfig', process.env.FJORD_TEST_KUBECONFIG!, 'apply', '--dry-run=client', '-f', join(corpusRoot, app), '-o', 'yaml'],
        { encoding: 'utf8' },
      );
      if (run.status !== 0) {
        if (/recognized file extensions are/.test(run.stderr) && Array.isArray(ours) && ours.length === 0) {
          equal.push(app); // kubectl says "no manifests" as an error; Fjord renders an empty app
          continue;
        }
        if (/no matches for kind|ensure CRDs are installed/.test(run.stderr) && !(ours instanceof Error)) kubectlCannotMap.push(app);
        else if (ours instanceof Error) rejectedByBoth.push(app);
        else problems.push(`${app}: kubectl refused (${run.stderr.trim().split('\n')[0]}) but Fjord rendered ${ours.length} objects`);
        continue;
      }
      const out = parse(run.stdout) as Obj;
      const theirs = (out.kind === 'List' ? (out.items as Obj[]) : [out]).map((o) => normalize(o, clusterScoped));
      if (ours instanceof Error) {
        problems.push(`${app}: Fjord refused (${ours.message}) but kubectl listed ${theirs.length} objects`);
        continue;
      }
      const mine = ours.map((o) => normalize(o, clusterScoped));
      if (JSON.stringify(mine) === JSON.stringify(theirs)) equal.push(app);
      else {
        try {
          expect(mine).toEqual(theirs);
        } catch (err) {
          problems.push(`${app}: objects differ\n${(err as Error).message.slice(0, 1500)}`);
        }
      }
    }
    console.log(
      `plain-directory corpus vs kubectl: ${equal.length} equal, ${rejectedByBoth.length} rejected by both, ` +
        `${kubectlCannotMap.length} with kinds this cluster does not serve (Fjord rendered them), ${problems.length} different`,
    );
    console.log(`rejected by both: ${rejectedByBoth.join(', ')}\nkinds not served: ${kubectlCannotMap.join(', ')}`);
    expect(problems).toEqual([]);
    expect(equal).toContain('argocd-example-apps/guestbook');
    // The rest of the corpus is Jsonnet/ksonnet (not supported, refused by both) or uses kinds whose CRDs are not
    // part of the app (kubectl cannot map them at all).
    expect(equal.length).toBeGreaterThanOrEqual(11);
  });
});
