import { compileJqPath, jqDelete, jqPaths, JqSyntaxError } from './index';

const doc = () => ({
  metadata: { annotations: { 'a/b': 'x', keep: 'y' } },
  spec: {
    sources: [
      { repoURL: 'https://git.example.com/org/repo1', targetRevision: 'main' },
      { repoURL: 'https://git.example.com/org/repo2', targetRevision: 'v2' },
    ],
    template: {
      spec: {
        initContainers: [{ name: 'istio-init' }, { name: 'migrate' }, { name: 'istio-validation' }],
        containers: [
          { name: 'web', image: 'web:1', ports: [{ containerPort: 80 }] },
          { name: 'istio-proxy', image: 'proxy:1' },
        ],
      },
    },
  },
  webhooks: [{ clientConfig: { caBundle: 'AAA' } }, { clientConfig: {} }],
});

/** Expressions Argo CD users write (from its docs and issues) → what remains after del(expr). */
const cases: [string, (d: ReturnType<typeof doc>) => void][] = [
  ['.spec.template.spec.containers[] | select(.name == "web") | .image', (d) => delete (d.spec.template.spec.containers[0] as { image?: string }).image],
  ['.metadata.annotations["a/b"]', (d) => delete (d.metadata.annotations as { 'a/b'?: string })['a/b']],
  ['.metadata.annotations."a/b"', (d) => delete (d.metadata.annotations as { 'a/b'?: string })['a/b']],
  [
    '.spec.sources[] | select(.repoURL == "https://git.example.com/org/repo1").targetRevision',
    (d) => delete (d.spec.sources[0] as { targetRevision?: string }).targetRevision,
  ],
  ['.spec.template.spec.initContainers[] | select(.name | startswith("istio"))', (d) => (d.spec.template.spec.initContainers = [{ name: 'migrate' }])],
  [
    '.spec.template.spec.initContainers[] | select(.name == "istio-init" or .name == "migrate")',
    (d) => (d.spec.template.spec.initContainers = [{ name: 'istio-validation' }]),
  ],
  ['.spec.template.spec.containers[] | select(.name | test("^istio-"))', (d) => d.spec.template.spec.containers.pop()],
  ['.webhooks[]?.clientConfig.caBundle', (d) => delete (d.webhooks[0].clientConfig as { caBundle?: string }).caBundle],
  ['.webhooks[0].clientConfig.caBundle', (d) => delete (d.webhooks[0].clientConfig as { caBundle?: string }).caBundle],
  ['.status?.conditions[]?.lastTransitionTime', () => undefined],
  ['.spec.template.spec.containers[].ports', (d) => delete (d.spec.template.spec.containers[0] as { ports?: unknown }).ports],
  ['.spec.template.spec.containers[] | select(.name != "web" and (.image | contains("proxy")))', (d) => d.spec.template.spec.containers.pop()],
];

describe('jq path expressions', () => {
  it.each(cases)('del(%s)', (expr, expect_) => {
    const actual = doc();
    const expected = doc();
    expect_(expected);
    expect(jqDelete(compileJqPath(expr), actual)).toBe(true);
    expect(actual).toEqual(expected);
  });

  it('leaves the document alone when the expression fails at run time, as Argo CD skips the patch', () => {
    const d = doc();
    expect(jqDelete(compileJqPath('.status.conditions[].lastTransitionTime'), d)).toBe(false);
    expect(d).toEqual(doc());
  });

  it('reports paths as jq path(f) does', () => {
    expect(jqPaths(compileJqPath('.spec.sources[].targetRevision'), doc())).toEqual([
      ['spec', 'sources', 0, 'targetRevision'],
      ['spec', 'sources', 1, 'targetRevision'],
    ]);
  });

  it('refuses syntax it does not support, naming the position', () => {
    expect(() => compileJqPath('.spec |')).toThrow(JqSyntaxError);
    expect(() => compileJqPath('.a[.b]')).toThrow(/at 3: only literal indices/);
  });
});
