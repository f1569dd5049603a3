import { join } from 'node:path';
import { DiskFileSystem } from '@fjord/repo-fs';
import { renderSource } from '@fjord/render';
import { defaultRenderers } from './default-renderers';

const corpus = new DiskFileSystem(join(__dirname, '../../../../shared/corpus'));

describe('the Helm renderer behind renderSource', () => {
  it("renders Argo CD's helm-guestbook with the app name as release name and Argo's Helm options", () => {
    const { sourceType, objects } = renderSource(
      corpus,
      {
        path: 'argocd-example-apps/helm-guestbook',
        appName: 'guestbook',
        namespace: 'web',
        helm: { valueFiles: ['values-production.yaml'], parameters: [{ name: 'replicaCount', value: '3' }] },
      },
      defaultRenderers(),
    );
    expect(sourceType).toBe('Helm');
    const deploy = objects.find((o) => o.kind === 'Deployment') as { metadata: { name: string }; spec: { replicas: number } };
    expect(deploy.metadata.name).toBe('guestbook-helm-guestbook');
    expect(deploy.spec.replicas).toBe(3);
  });

  it('names a value file that is missing', () => {
    expect(() =>
      renderSource(corpus, { path: 'argocd-example-apps/helm-guestbook', helm: { valueFiles: ['no-such-values.yaml'] } }, defaultRenderers()),
    ).toThrow(/no-such-values\.yaml/);
  });
});
