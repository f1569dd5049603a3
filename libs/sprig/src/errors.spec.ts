import { TemplateSet } from '@fjord/go-template';
import { sprigFunctions } from './registry';

const run = (tpl: string, values: unknown = {}): string => {
  const set = new TemplateSet({ funcs: sprigFunctions(), missingKey: 'zero' });
  try {
    return set.parse('t.yaml', tpl).execute('t.yaml', { Values: values });
  } catch (e) {
    return `ERROR: ${(e as Error).message}`;
  }
};

describe('sprig errors use Go-style messages', () => {
  it.each([
    ['{{ first "abc" }}', 'ERROR: template: t.yaml:1:3: executing "t.yaml" at <first "abc">: error calling first: Cannot find first on type string'],
    [
      '{{ semverCompare ">=1.0" "not-a-version" }}',
      'ERROR: template: t.yaml:1:3: executing "t.yaml" at <semverCompare ">=1.0" "not-a-version">: error calling semverCompare: invalid semantic version',
    ],
    [
      '{{ semverCompare "!!" "1.0.0" }}',
      'ERROR: template: t.yaml:1:3: executing "t.yaml" at <semverCompare "!!" "1.0.0">: error calling semverCompare: improper constraint: "!!"',
    ],
    ['{{ fail "boom" }}', 'ERROR: template: t.yaml:1:3: executing "t.yaml" at <fail "boom">: error calling fail: boom'],
    ['{{ .Values.missing | upper }}', 'ERROR: template: t.yaml:1:21: executing "t.yaml" at <upper>: invalid value; expected string'],
    ['{{ upper .Values.n }}', 'ERROR: template: t.yaml:1:16: executing "t.yaml" at <.Values.n>: wrong type for value; expected string; got float64'],
    ['{{ div 1 0 }}', 'ERROR: template: t.yaml:1:3: executing "t.yaml" at <div 1 0>: error calling div: runtime error: integer divide by zero'],
    // found by the go-template fuzzer; texts as Sprig v3.3.0 gives them (tools/fuzz/oracles/go-template)
    ...(
      [
        ['dig "a" "b" "x"', 'dig', 'interface conversion: interface {} is string, not map[string]interface {}'],
        ['dig 1 "b" (dict)', 'dig', 'interface conversion: interface {} is int, not string'],
        ['dig "a" "b" nil', 'dig', 'interface conversion: interface {} is nil, not map[string]interface {}'],
        ['concat (list 1) nil', 'concat', 'runtime error: invalid memory address or nil pointer dereference'],
        ['deepCopy nil', 'deepCopy', 'reflect: call of reflect.Value.Type on zero Value'],
        ['indent -1 "a"', 'indent', 'strings: negative Repeat count'],
        ['nindent -2 "a"', 'nindent', 'strings: negative Repeat count'],
        ['substr -1 3 ""', 'substr', 'runtime error: slice bounds out of range [:3] with length 0'],
        ['substr 5 -1 "ab"', 'substr', 'runtime error: slice bounds out of range [5:2]'],
        ['slice (list 1 2) 1 5', 'slice', 'reflect.Value.Slice: slice index out of bounds'],
        ['chunk 0 (list 1)', 'chunk', 'runtime error: makeslice: len out of range'],
        ['regexFind "(" ""', 'regexFind', 'regexp: Compile(`(`): error parsing regexp: missing closing ): `(`'],
        ['mustRegexFind "x[a" ""', 'mustRegexFind', 'error parsing regexp: missing closing ]: `[a`'],
        ['regexSplit "a)" "" -1', 'regexSplit', 'regexp: Compile(`a)`): error parsing regexp: unexpected ): `a)`'],
        ['mustRegexMatch "*" ""', 'mustRegexMatch', 'error parsing regexp: missing argument to repetition operator: `*`'],
        ['urlParse ":"', 'urlParse', 'unable to parse url: parse ":": missing protocol scheme'],
        ['urlParse "a\\n"', 'urlParse', 'unable to parse url: parse "a\\n": net/url: invalid control character in URL'],
        ['urlParse "1:x"', 'urlParse', 'unable to parse url: parse "1:x": first path segment in URL cannot contain colon'],
        ['urlParse "/a%zz"', 'urlParse', 'unable to parse url: parse "/a%zz": invalid URL escape "%zz"'],
        ['urlParse "http://a b/"', 'urlParse', 'unable to parse url: parse "http://a b/": invalid character " " in host name'],
        ['urlParse "http://h:x/"', 'urlParse', 'unable to parse url: parse "http://h:x/": invalid port ":x" after host'],
        ['semverCompare "" "1.2.3"', 'semverCompare', 'improper constraint: ""'],
        ['toRawJson 1i', 'toRawJson', 'json: unsupported type: complex128'],
        ['len (semver "1.2.3")', 'len', 'len of type semver.Version'],
        ['urlParse "%日本"', 'urlParse', 'unable to parse url: parse "%日本": invalid URL escape "%\\xe6\\x97"'],
        ['urlParse "%éa"', 'urlParse', 'unable to parse url: parse "%éa": invalid URL escape "%é"'],
      ] as const
    ).map(([expr, fn, msg]): [string, string] => [
      `{{ ${expr} }}`,
      `ERROR: template: t.yaml:1:3: executing "t.yaml" at <${expr}>: error calling ${fn}: ${msg}`,
    ]),
  ])('%s', (tpl, want) => {
    expect(run(tpl, { n: 1 })).toBe(want);
  });

  it('registers Sprig as Helm does: no env or expandenv', () => {
    const names = Object.keys(sprigFunctions());
    expect(names).not.toContain('env');
    expect(names).not.toContain('expandenv');
    expect(names.length).toBeGreaterThan(190);
  });

  it('generates certificates and keys with the right shape', () => {
    const out = run(
      '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" nil (list "svc.ns") 365 $ca }}{{ $ca.Cert | b64enc | b64dec | trunc 27 }}|{{ $c.Key | trunc 31 }}|{{ genPrivateKey "ecdsa" | trunc 30 }}',
    );
    expect(out).toBe('-----BEGIN CERTIFICATE-----|-----BEGIN RSA PRIVATE KEY-----|-----BEGIN EC PRIVATE KEY-----');
  }, 60_000);

  it('writes PEM with LF line endings, as Go encoding/pem does', () => {
    const out = run('{{ $ca := genCA "my-ca" 365 }}{{ $c := genSelfSignedCert "svc" nil nil 365 }}{{ $ca.Cert }}{{ $ca.Key }}{{ $c.Cert }}{{ $c.Key }}');
    expect(out).toContain('-----BEGIN CERTIFICATE-----\n');
    expect(out).not.toContain('\r');
  }, 60_000);
});
