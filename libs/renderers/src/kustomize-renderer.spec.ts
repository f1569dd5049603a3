import { join } from 'node:path';
import { DiskFileSystem } from '@fjord/repo-fs';
import { renderSource } from '@fjord/render';
import { MemoryFileSystem } from '@fjord/source-fs';
import { defaultRenderers } from './default-renderers';

const corpus = new DiskFileSystem(join(__dirname, '../../../../shared/corpus'));

describe('the Kustomize renderer behind renderSource', () => {
  it('renders the Argo CD kustomize-guestbook example as a Kustomize source', () => {
    const { sourceType, objects } = renderSource(corpus, { path: 'argocd-example-apps/kustomize-guestbook' }, defaultRenderers());
    expect(sourceType).toBe('Kustomize');
    expect(objects.map((o) => `${o.kind}/${String(o.metadata?.name)}`)).toEqual(['Service/kustomize-guestbook-ui', 'Deployment/kustomize-guestbook-ui']);
  });

  it("applies spec.source.kustomize as Argo CD's kustomize edit would, without touching the repository", () => {
    const fs = new MemoryFileSystem({
      'app/kustomization.yaml': '# keep me\nresources: [deploy.yaml]\nimages:\n- name: web\n  newTag: old\n',
      'app/deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n',
    });
    const { objects } = renderSource(
      fs,
      {
        path: 'app',
        kustomize: { namePrefix: 'prod-', images: ['web=registry/web:abc123'], commonLabels: { team: 'payments' }, replicas: [{ name: 'web', count: 3 }] },
      },
      defaultRenderers(),
    );
    const d = objects[0] as {
      metadata: { name: string; labels: Record<string, string> };
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    };
    expect(d.metadata.name).toBe('prod-web');
    expect(d.metadata.labels).toEqual({ team: 'payments' });
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0].image).toBe('registry/web:abc123');
    expect(fs.readText('app/kustomization.yaml')).toContain('newTag: old');
  });

  it('names the option that is wrong', () => {
    const fs = new MemoryFileSystem({ 'app/kustomization.yaml': 'resources: []\n' });
    expect(() => renderSource(fs, { path: 'app', kustomize: { images: ['=bad'] } }, defaultRenderers())).toThrow(/spec\.source\.kustomize\.images\[0\]/);
  });
});
