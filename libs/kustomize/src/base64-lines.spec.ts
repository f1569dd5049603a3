import { MemoryFileSystem } from '@fjord/source-fs';
import { encodeBase64Lines } from './base64-lines';
import { buildKustomization, stringifyKustomizeOutput } from './index';

describe('encodeBase64Lines', () => {
  it('keeps an encoding under 70 characters on one line, with no newline (51 bytes)', () => {
    expect(encodeBase64Lines(new Uint8Array(51).fill(97))).toBe('YWFh'.repeat(17));
  });

  it('cuts an encoding of 70 characters or more into lines of 70, each ending in a newline (52 bytes)', () => {
    const out = encodeBase64Lines(new Uint8Array(52).fill(97));
    expect(out.split('\n')).toEqual(['YWFh'.repeat(17) + 'YQ', '==', '']);
  });

  it('ends an encoding of exactly 70 characters with one newline (the last line included)', () => {
    const out = encodeBase64Lines(new Uint8Array(105).fill(1));
    expect(out.split('\n').map((l) => l.length)).toEqual([70, 70, 0]);
  });
});

describe('generated Secrets with long values (issue 17)', () => {
  const build = (files: Record<string, string | Uint8Array>) => buildKustomization(new MemoryFileSystem(files), '.');

  it('names a Secret with a 60-byte literal as kustomize 5.8.1 does (the folded value is what gets hashed)', () => {
    const out = build({ 'kustomization.yaml': `secretGenerator:\n- name: s\n  literals:\n  - k=${'a'.repeat(60)}\n` });
    expect((out[0].metadata as { name: string }).name).toBe('s-g82g4f4tfh');
    expect(stringifyKustomizeOutput(out)).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  k: |',
        `    ${'YWFh'.repeat(17)}YW`,
        '    FhYWFhYWFh',
        'kind: Secret',
        'metadata:',
        '  name: s-g82g4f4tfh',
        'type: Opaque',
        '',
      ].join('\n'),
    );
  });

  it('folds a ConfigMap binaryData value the same way', () => {
    const fs = new MemoryFileSystem({ 'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [bin]\n', bin: new Uint8Array(80).fill(0xff) });
    const out = buildKustomization(fs, '.') as Array<{ binaryData?: Record<string, string> }>;
    expect(out[0].binaryData?.bin.split('\n').map((l) => l.length)).toEqual([70, 38, 0]);
  });
});
