// `npm run quickstart`: everything a newcomer needs to see Fjord work, on one machine. It brings up the local
// Kubernetes cluster (building it the first time, with progress), installs the CRDs, starts Fjord's four services
// with their embedded defaults, creates a demo config repository (Kustomize base + production overlay) and the
// Argo CD style Application for it, waits until the app is Synced and Healthy, and prints how to look at it.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { createGitFixture, eventually, installCrds } from '@fjord/devkit';
import { up } from '@fjord/test-cluster';
import { startServices } from './start';

const NAMESPACE = 'argocd';
const APP = 'guestbook-demo';
const log = (line: string) => process.stdout.write(`quickstart: ${line}\n`);

function demoRepo(dir: string): string {
  if (existsSync(join(dir, '.git'))) return dir;
  const repo = createGitFixture(dir);
  repo.commit(
    {
      'base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
      'base/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: guestbook-ui}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: guestbook-ui}}\n  template:\n    metadata: {labels: {app: guestbook-ui}}\n    spec: {containers: [{name: guestbook-ui, image: "gcr.io/google-samples/gb-frontend:v5", ports: [{containerPort: 80}]}]}\n',
      'base/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: {name: guestbook-ui}\nspec: {selector: {app: guestbook-ui}, ports: [{port: 80, targetPort: 80}]}\n',
      'overlays/production/kustomization.yaml': 'resources: [../../base]\nimages:\n  - name: gcr.io/google-samples/gb-frontend\n    newTag: v5\n',
    },
    'demo config repository',
  );
  return dir;
}

async function main(): Promise<void> {
  log('starting the local Kubernetes cluster (the first run builds it from the Go module proxy, about 6 minutes)');
  const cluster = await up({ log: (line) => process.stdout.write(`${line}\n`) });
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  await installCrds(kc);
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: NAMESPACE } } }).catch(() => undefined);

  log('starting Fjord (repo-server, secrets, app-controller, api-gateway)');
  // The demo repository is a local one (file://), which the repo-server serves only with --allow-local-repos.
  const running = await startServices({
    env: { KUBECONFIG: cluster.kubeconfig, FJORD_NAMESPACE: NAMESPACE, REDIS_URL: '', FJORD_ALLOW_LOCAL_REPOS: 'true' },
    quiet: true,
  });

  const repoDir = demoRepo(join(homedir(), '.cache', 'fjord', 'demo-config'));
  const apps = kc.makeApiClient(CustomObjectsApi);
  const base = { group: 'argoproj.io', version: 'v1alpha1', namespace: NAMESPACE, plural: 'applications' };
  await apps
    .createNamespacedCustomObject({
      ...base,
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: APP },
        spec: {
          project: 'default',
          source: { repoURL: `file://${repoDir}`, targetRevision: 'HEAD', path: 'overlays/production' },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
        },
      },
    })
    .catch((err: { code?: number }) => {
      if (err.code !== 409) throw err;
    });
  log(`Application ${APP} created; waiting until it is Synced and Healthy`);
  let last = '';
  await eventually(
    async () => {
      const app = (await apps.getNamespacedCustomObject({ ...base, name: APP })) as { status?: { sync?: { status?: string }; health?: { status?: string } } };
      const now = `${app.status?.sync?.status ?? 'Unknown'}/${app.status?.health?.status ?? 'Unknown'}`;
      if (now !== last) log(`  ${APP}: ${now}`);
      last = now;
      if (now !== 'Synced/Healthy') throw new Error(`still ${now}`);
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );

  const secret = await core.readNamespacedSecret({ name: 'argocd-initial-admin-secret', namespace: NAMESPACE }).catch(() => undefined);
  const password = secret?.data?.password ? Buffer.from(secret.data.password, 'base64').toString('utf8') : '(see the Secret argocd-initial-admin-secret)';
  const gateway = running.find((s) => s.name === 'api-gateway');
  process.stdout.write(
    [
      '',
      `Fjord is running, and ${APP} is Synced and Healthy.`,
      '',
      `  export KUBECONFIG=${cluster.kubeconfig}`,
      `  kubectl get applications -n ${NAMESPACE}; kubectl get all -n demo`,
      `  npx fjord login http://127.0.0.1:8080 --username admin --password '${password}'`,
      `  npx fjord app get ${APP}`,
      `  API: http://127.0.0.1:8080/api/v1/applications (gateway gRPC 127.0.0.1:${gateway?.process?.grpcPort})`,
      `  Demo config repository: ${repoDir} (commit to it and watch the app follow)`,
      '',
      'A service that crashes is restarted. Press Ctrl-C to stop Fjord; `npm run cluster:down` stops the cluster.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`quickstart failed: ${(err as Error).message}\n`);
  process.exit(1);
});
