import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { testKubeConfig } from '@fjord/devkit';
import { connectionsOpened, reuseConnections } from './reuse-connections';

describe('reuseConnections', () => {
  const load = () => {
    const kc = new KubeConfig();
    kc.loadFromString(testKubeConfig().exportConfig());
    return kc;
  };

  it('serves many requests over one kept-alive connection', async () => {
    const kc = reuseConnections(load());
    const core = kc.makeApiClient(CoreV1Api);
    for (let i = 0; i < 20; i++) expect((await core.readNamespace({ name: 'default' })).metadata?.name).toBe('default');
    expect(connectionsOpened(kc)).toBe(1);
  });

  it('opens no more connections than requests in flight at once', async () => {
    const kc = reuseConnections(load());
    const core = kc.makeApiClient(CoreV1Api);
    for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 4 }, () => core.readNamespace({ name: 'default' })));
    expect(connectionsOpened(kc)).toBeLessThanOrEqual(4);
  });

  it('leaves a configuration it was not applied to alone, and still reaches the server with it', async () => {
    const kc = load();
    expect(connectionsOpened(kc)).toBeUndefined();
    await expect(kc.makeApiClient(CoreV1Api).readNamespace({ name: 'default' })).resolves.toMatchObject({ metadata: { name: 'default' } });
  });
});
