import { appFiles, appName, appObjects, editedConfigPath, repoFiles } from './fixture';

describe('the benchmark repository', () => {
  it('gives each app a Deployment, a Service and ConfigMaps, one file per resource', () => {
    const files = appFiles(7, 5);
    expect(Object.keys(files).sort()).toEqual([
      'apps/app-0007/config-0.yaml',
      'apps/app-0007/config-1.yaml',
      'apps/app-0007/config-2.yaml',
      'apps/app-0007/deployment.yaml',
      'apps/app-0007/service.yaml',
    ]);
    expect(files[editedConfigPath(7)]).toContain('value: "v0"');
  });

  it('holds apps × resources files', () => {
    expect(Object.keys(repoFiles(20, 10))).toHaveLength(200);
    expect(appName(1234)).toBe('app-1234');
  });

  it('gives the plain client the same objects, placed in the namespace it is told', () => {
    const objects = appObjects(3, 3, 'floor-3');
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}@${o.metadata.namespace}`)).toEqual([
      'Deployment/web@floor-3',
      'Service/web@floor-3',
      'ConfigMap/config-0@floor-3',
    ]);
    expect(objects[0]).toMatchObject({ spec: { replicas: 1, template: { spec: { containers: [{ image: 'registry.local/web:v1' }] } } } });
  });

  it('refuses fewer than three resources per app, naming the figure', () => {
    expect(() => appFiles(0, 2)).toThrow(/at least 3 .*got 2/);
  });
});
