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
      'ERROR: template: t.yaml:1:3: executing "t.yaml" at <semverCompare "!!" "1.0.0">: error calling semverCompare: improper constraint: !!',
    ],
    ['{{ fail "boom" }}', 'ERROR: template: t.yaml:1:3: executing "t.yaml" at <fail "boom">: error calling fail: boom'],
    ['{{ .Values.missing | upper }}', 'ERROR: template: t.yaml:1:21: executing "t.yaml" at <upper>: invalid value; expected string'],
    ['{{ upper .Values.n }}', 'ERROR: template: t.yaml:1:16: executing "t.yaml" at <.Values.n>: wrong type for value; expected string; got float64'],
    ['{{ div 1 0 }}', 'ERROR: template: t.yaml:1:3: executing "t.yaml" at <div 1 0>: error calling div: runtime error: integer divide by zero'],
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
