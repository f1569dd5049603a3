import { predictLive, type JsonObject } from './index';

describe('predictLive (built-in normalisation)', () => {
  const live: JsonObject = {
    spec: {
      template: { metadata: { creationTimestamp: null, labels: { app: 'web' } } },
      containers: [
        { name: 'web', image: 'web:1', imagePullPolicy: 'IfNotPresent' },
        { name: 'sidecar', image: 'proxy:1' },
      ],
      args: ['--a', '--b'],
    },
  };

  it('keeps defaulted live fields, merges keyed lists by key and replaces atomic lists', () => {
    const desired: JsonObject = {
      spec: { template: { metadata: { creationTimestamp: null, labels: { app: 'web' } } }, containers: [{ name: 'web', image: 'web:2' }], args: ['--a'] },
    };
    expect(predictLive(live, desired)).toEqual({
      spec: {
        template: { metadata: { creationTimestamp: null, labels: { app: 'web' } } },
        containers: [
          { name: 'web', image: 'web:2', imagePullPolicy: 'IfNotPresent' },
          { name: 'sidecar', image: 'proxy:1' },
        ],
        args: ['--a'],
      },
    });
  });

  it('removes what was applied before and is no longer desired (three-way with last-applied)', () => {
    const desired: JsonObject = { spec: { containers: [{ name: 'web', image: 'web:1' }] } };
    const lastApplied: JsonObject = {
      spec: {
        containers: [
          { name: 'web', image: 'web:1' },
          { name: 'sidecar', image: 'proxy:1' },
        ],
        args: ['--a', '--b'],
      },
    };
    const predicted = predictLive(live, desired, lastApplied) as { spec: { containers: unknown[]; args?: unknown } };
    expect(predicted.spec.containers).toEqual([{ name: 'web', image: 'web:1', imagePullPolicy: 'IfNotPresent' }]);
    expect(predicted.spec.args).toBeUndefined();
  });
});
