import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError, parseManifests, stringifyManifests } from './index';

const testdata = (name: string) => readFileSync(join(__dirname, '../testdata', name), 'utf8');

describe('parseManifests', () => {
  it('splits documents, skips empty ones and flattens Lists', () => {
    const objs = parseManifests(testdata('multi.yaml'), 'multi.yaml');
    expect(objs.map((o) => `${o.kind}/${(o.metadata as { name: string }).name}`)).toEqual(['ConfigMap/a', 'Service/b', 'ServiceAccount/c']);
    // the key `on` is the boolean true in YAML 1.1, as kubectl reads it
    expect((objs[0] as { data: object }).data).toEqual({ true: 'yes', port: '8080' });
  });

  it('reads YAML 1.1 as sigs.k8s.io/yaml does: yes/on/n are booleans, 0777 octal, times and 1:20 strings', () => {
    const [cm] = parseManifests('kind: ConfigMap\ndata:\n  a: on\n  b: yes\n  c: "yes"\n  d: 0777\n  e: 1:20\n  f: 2001-12-14\n  n: 1\n', 'x.yaml');
    expect(cm.data).toEqual({ a: true, b: true, c: 'yes', d: 511, e: '1:20', f: '2001-12-14', false: 1 });
  });

  it('names the file and line of a syntax error', () => {
    expect(() => parseManifests(testdata('bad-indent.yaml'), 'apps/bad-indent.yaml')).toThrow(
      expect.objectContaining({ file: 'apps/bad-indent.yaml', line: 5 }),
    );
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => parseManifests('- a\n- b\n', 'list.yaml')).toThrow(new ManifestError('list.yaml', 'expected a Kubernetes object (a mapping), got a list', 1));
  });

  it('takes the last of duplicate keys, as kubectl and Argo CD (sigs.k8s.io/yaml) do', () => {
    expect(parseManifests('kind: A\nkind: B\n', 'dup.yaml')).toEqual([{ kind: 'B' }]);
  });

  it("reads a flow sequence continued at its key's indentation, as Go does (issue 17)", () => {
    const [deploy] = parseManifests(testdata('flow-under-indented.yaml'), 'deploy.yaml');
    expect((deploy.spec as { template: { spec: { containers: { command: string[] }[] } } }).template.spec.containers[0].command).toEqual([
      '/bin/sh',
      '-ce',
      '/usr/bin/docker-entrypoint.sh server /export',
    ]);
  });

  it('names the line of a document that is not a mapping in a stream', () => {
    expect(() => parseManifests('kind: A\n---\n# c\n- a\n', 'list.yaml')).toThrow(
      new ManifestError('list.yaml', 'expected a Kubernetes object (a mapping), got a list', 4),
    );
  });

  it('stops alias bombs instead of expanding them', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x,x]',
      ...'bcdefgh'.split('').map(
        (k, i) =>
          `${k}: &${k} [${Array(10)
            .fill('*' + 'abcdefgh'[i])
            .join(',')}]`,
      ),
      'kind: Bomb',
    ].join('\n');
    expect(() => parseManifests(bomb, 'bomb.yaml')).toThrow(/bomb.yaml/);
  });

  it('refuses mappings as keys, as Kubernetes does (an unquoted template is the usual cause)', () => {
    expect(() => parseManifests('kind: App\nmetadata:\n  name: {{.Name}}\n', 'app.yaml')).toThrow(/^app\.yaml:3:\d+: invalid map key/);
  });

  it('reads JSON', () => {
    expect(parseManifests('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}', 'ns.json')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } },
    ]);
  });
});

describe('stringifyManifests', () => {
  it('round-trips objects through multi-document YAML, quoting strings YAML 1.1 would read otherwise', () => {
    const objs = [...parseManifests(testdata('multi.yaml'), 'multi.yaml'), { kind: 'X', data: { a: 'yes', b: 'on', c: '0777', d: 'n' } }];
    expect(stringifyManifests(objs)).toContain('a: "yes"');
    expect(parseManifests(stringifyManifests(objs), 'out.yaml')).toEqual(objs);
  });

  it('prints a Date as RFC 3339 in UTC, quoted, as metav1.Time reads it (the client gives creationTimestamp as a Date)', () => {
    const out = stringifyManifests([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k', creationTimestamp: new Date('2026-12-04T23:33:20Z') } }]);
    expect(out).toContain('creationTimestamp: "2026-12-04T23:33:20.000Z"\n');
    expect(parseManifests(out, 'out.yaml')[0].metadata).toEqual({ name: 'k', creationTimestamp: '2026-12-04T23:33:20.000Z' });
  });
});
