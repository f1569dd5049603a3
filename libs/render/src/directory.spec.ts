import { DiskFileSystem } from '@fjord/repo-fs';
import { MemoryFileSystem, SourceError } from '@fjord/source-fs';
import { join } from 'node:path';
import { renderDirectory } from './directory';

const testdata = new DiskFileSystem(join(__dirname, '../testdata'));
const names = (objs: { kind?: string; metadata?: Record<string, unknown> }[]) => objs.map((o) => `${o.kind}/${String(o.metadata?.name)}`);

describe('renderDirectory', () => {
  it('reads YAML and JSON in path order, flattening Lists and skipping empty documents and other files', () => {
    expect(names(renderDirectory(testdata, 'plain'))).toEqual(['Deployment/web', 'Service/web', 'ConfigMap/cfg']);
  });

  it('descends into subdirectories only with recurse', () => {
    expect(names(renderDirectory(testdata, 'plain', { recurse: true }))).toEqual(['Deployment/web', 'Service/web', 'ConfigMap/cfg', 'ServiceAccount/deep']);
  });

  it('applies include and exclude globs to the path below the app directory', () => {
    expect(names(renderDirectory(testdata, 'plain', { recurse: true, include: '*.yml' }))).toEqual(['ServiceAccount/deep']);
    expect(names(renderDirectory(testdata, 'plain', { recurse: true, exclude: '{sub/*,*.json}' }))).toEqual(['Deployment/web']);
    expect(names(renderDirectory(testdata, 'plain', { include: '{a-deploy.yaml,b-list.json}', exclude: 'b-*' }))).toEqual(['Deployment/web']);
  });

  it('names the file and line of invalid YAML', () => {
    const fs = new MemoryFileSystem({
      'app/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
      'app/bad.yaml': 'apiVersion: v1\nkind: [unclosed\n',
    });
    expect(() => renderDirectory(fs, 'app')).toThrow(SourceError);
    expect(() => renderDirectory(fs, 'app')).toThrow(/^app\/bad\.yaml:\d+(:\d+)?: /);
  });

  it('refuses objects without apiVersion, kind or name, naming the file and document', () => {
    const fs = new MemoryFileSystem({
      'a/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Secret\nmetadata: {name: s}\n',
      'b/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n',
    });
    expect(() => renderDirectory(fs, 'a')).toThrow('a/x.yaml: document 2: apiVersion is missing');
    expect(() => renderDirectory(fs, 'b')).toThrow('b/x.yaml: ConfigMap has no metadata.name');
  });

  it('refuses Jsonnet with a clear message rather than ignoring it', () => {
    const fs = new MemoryFileSystem({ 'j/main.jsonnet': '{}' });
    expect(() => renderDirectory(fs, 'j')).toThrow('j/main.jsonnet: Jsonnet sources are not supported by Fjord');
  });

  it('says when the app path is missing', () => {
    expect(() => renderDirectory(testdata, 'nope')).toThrow('nope: app path does not exist or is not a directory');
  });
});
