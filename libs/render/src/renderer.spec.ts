import { MemoryFileSystem } from '@fjord/source-fs';
import { RecordingFileSystem } from './recording-fs';
import { renderSource, type Renderer } from './renderer';
import { detectSourceType, SourceType } from './source-type';

const fs = new MemoryFileSystem({
  'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
  'kust/kustomization.yml': 'resources: []\n',
  'chart/Chart.yaml': 'name: c\nversion: 0.1.0\n',
  'both/Chart.yaml': 'name: c\n',
  'both/kustomization.yaml': 'resources: []\n',
});

describe('detectSourceType', () => {
  it('detects as Argo CD does, kustomization before Chart.yaml, explicit choice first', () => {
    expect(detectSourceType(fs, 'plain')).toBe(SourceType.Directory);
    expect(detectSourceType(fs, 'kust')).toBe(SourceType.Kustomize);
    expect(detectSourceType(fs, 'chart')).toBe(SourceType.Helm);
    expect(detectSourceType(fs, 'both')).toBe(SourceType.Kustomize);
    expect(detectSourceType(fs, 'both', SourceType.Helm)).toBe(SourceType.Helm);
  });
});

describe('renderSource', () => {
  const fakeKustomize: Renderer = {
    type: SourceType.Kustomize,
    render: (_fs, req) => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `from-${req.path}` } }],
  };

  it('renders plain directories itself and hands other types to their renderer', () => {
    expect(renderSource(fs, { path: 'plain' })).toMatchObject({ sourceType: 'Directory', objects: [{ kind: 'ConfigMap' }] });
    expect(renderSource(fs, { path: 'kust' }, [fakeKustomize]).objects[0].metadata?.name).toBe('from-kust');
  });

  it('refuses a type with no renderer instead of returning nothing', () => {
    expect(() => renderSource(fs, { path: 'chart' }, [fakeKustomize])).toThrow('chart: Helm sources are not supported by this build');
  });

  it('records what the render touched, including absent files', () => {
    const rec = new RecordingFileSystem(fs);
    renderSource(rec, { path: 'plain' });
    const read = rec.dependencies().map(({ path, as }) => `${as} ${path}`);
    expect(read).toEqual([
      'dir plain',
      'absent plain/Chart.yaml',
      'absent plain/Kustomization',
      'file plain/cm.yaml',
      'absent plain/kustomization.yaml',
      'absent plain/kustomization.yml',
    ]);
  });
});
