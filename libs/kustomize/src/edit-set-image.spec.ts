import { editSetImage, parseSetImageArg } from './edit-set-image';
import { rewriteImage } from './images';

describe('editSetImage', () => {
  const text = '# overlay for production\nresources:\n- ../base # the base\nimages:\n- name: my-app\n  newTag: old # bumped by CI\n';

  it('updates an existing entry in place, keeping comments', () => {
    expect(editSetImage(text, 'my-app=registry/app:abc123')).toBe(
      '# overlay for production\nresources:\n- ../base # the base\nimages:\n- name: my-app\n  newTag: abc123 # bumped by CI\n  newName: registry/app\n',
    );
  });

  it('adds entries, and a digest replaces a tag', () => {
    const out = editSetImage('resources: [a.yaml]\n', 'nginx:1.27');
    expect(out).toBe('resources: [a.yaml]\nimages:\n  - name: nginx\n    newTag: "1.27"\n');
    expect(editSetImage(text, 'my-app@sha256:abc')).toContain('digest: sha256:abc');
    expect(editSetImage(text, 'my-app@sha256:abc')).not.toContain('newTag');
  });

  it('parses the argument forms', () => {
    expect(parseSetImageArg('a=b/c:1')).toEqual({ name: 'a', newName: 'b/c', newTag: '1' });
    expect(parseSetImageArg('a=b@sha256:x')).toEqual({ name: 'a', newName: 'b', digest: 'sha256:x' });
    expect(parseSetImageArg('host:5000/a:2')).toEqual({ name: 'host:5000/a', newTag: '2' });
  });
});

describe('rewriteImage', () => {
  it('matches by name regardless of tag or digest', () => {
    expect(rewriteImage('nginx:1.0', { name: 'nginx', newTag: '2' })).toBe('nginx:2');
    expect(rewriteImage('nginx@sha256:aa', { name: 'nginx', newName: 'x/nginx' })).toBe('x/nginx@sha256:aa');
    expect(rewriteImage('nginx-other:1', { name: 'nginx', newTag: '2' })).toBeUndefined();
  });
});
