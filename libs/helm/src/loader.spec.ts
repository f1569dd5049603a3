import { gzipSync } from 'node:zlib';
import { compileGlob, globMatch, GlobDialect } from '@fjord/argo';
import { MemoryFileSystem } from '@fjord/source-fs';
import { extractChartArchive } from './archive';
import { HelmIgnore } from './helmignore';
import { loadChart, renderChart } from './index';

/** A minimal ustar archive builder for tests. */
function tar(entries: { name: string; data?: string; type?: string; link?: string }[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(e.type ?? '0', 156);
    if (e.link) h.write(e.link, 157, 100);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const chartYaml = 'apiVersion: v2\nname: arc\nversion: 0.1.0\n';

describe('chart archives', () => {
  it('loads a .tgz chart and a .tgz subchart', () => {
    const sub = tar([
      { name: 'sub/Chart.yaml', data: 'apiVersion: v2\nname: sub\nversion: 1.0.0\n' },
      { name: 'sub/templates/cm.yaml', data: 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: s\n' },
    ]);
    const fs = new MemoryFileSystem({
      'arc-0.1.0.tgz': tar([
        { name: 'arc/Chart.yaml', data: chartYaml },
        { name: 'arc/values.yaml', data: 'x: 1\n' },
        { name: 'arc/templates/cm.yaml', data: 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: a{{ .Values.x }}\n' },
      ]),
      'dir/Chart.yaml': chartYaml.replace('arc', 'dir'),
      'dir/charts/sub-1.0.0.tgz': sub,
    });
    expect(loadChart(fs, 'arc-0.1.0.tgz').values).toEqual({ x: 1 });
    expect(renderChart(fs, 'arc-0.1.0.tgz').manifests.map((m) => m.object.metadata?.name)).toEqual(['a1']);
    expect(renderChart(fs, 'dir').manifests.map((m) => `${m.source}`)).toEqual(['dir/charts/sub/templates/cm.yaml']);
  });

  it('refuses paths and links leaving the chart, and oversized content', () => {
    expect(() => extractChartArchive(tar([{ name: 'arc/../../etc/passwd', data: 'x' }]))).toThrow('chart illegally references parent directory');
    expect(() => extractChartArchive(tar([{ name: 'arc/link', type: '2', link: '../../outside' }]))).toThrow(/link leaving the chart/);
    expect(() => extractChartArchive(tar([{ name: 'Chart.yaml', data: chartYaml }]))).toThrow(/outside the base directory/);
    expect(() => extractChartArchive(tar([{ name: 'arc/big', data: 'x'.repeat(2000) }]), { maxChartSize: 10_000, maxFileSize: 1000 })).toThrow(
      /larger than the maximum file size/,
    );
    const bomb = gzipSync(Buffer.alloc(5_000_000));
    expect(() => extractChartArchive(bomb, { maxChartSize: 1000, maxFileSize: 1000 })).toThrow(/larger than the maximum size/);
    expect(() => extractChartArchive(new Uint8Array([1, 2, 3]))).toThrow(/gzipped/);
  });
});

describe('.helmignore and globs', () => {
  it('matches as Helm does (base names, paths, directories, defaults)', () => {
    const rules = HelmIgnore.parse('# comment\n*.bak\ndocs/\n/top.txt\nsub/*.md\n').addDefaults();
    expect(rules.ignores('a/b/x.bak', false)).toBe(true);
    expect(rules.ignores('docs', true)).toBe(true);
    expect(rules.ignores('docs', false)).toBe(false);
    expect(rules.ignores('top.txt', false)).toBe(true);
    expect(rules.ignores('sub/readme.md', false)).toBe(true);
    expect(rules.ignores('templates/.hidden', false)).toBe(true);
    expect(rules.ignores('templates/ok.yaml', false)).toBe(false);
    expect(() => HelmIgnore.parse('**/x')).toThrow('double-star (**) syntax is not supported');
  });

  it('implements filepath.Match and gobwas globs', () => {
    expect(globMatch('a*/b?.[ch]', 'ab/bx.c', GlobDialect.GoFilepath)).toBe(true);
    expect(globMatch('*', 'a/b', GlobDialect.GoFilepath)).toBe(false);
    expect(globMatch('[!a]', 'b', GlobDialect.GoFilepath)).toBe(false);
    expect(globMatch('[^a]', 'b', GlobDialect.GoFilepath)).toBe(true);
    expect(compileGlob('files/**', GlobDialect.HelmFiles).test('files/a/b.txt')).toBe(true);
    expect(compileGlob('files/*', GlobDialect.HelmFiles).test('files/a/b.txt')).toBe(false);
    expect(compileGlob('f/*.{txt,yaml}', GlobDialect.HelmFiles).test('f/x.yaml')).toBe(true);
    expect(compileGlob('f/[!x]-1.txt', GlobDialect.HelmFiles).test('f/y-1.txt')).toBe(true);
  });
});
