import { X509Certificate } from 'node:crypto';
import { TemplateSet } from '@fjord/go-template';
import { values } from './helm-oracle.cases';
import { sprigFunctions } from './registry';

const run = (tpl: string): string => {
  const set = new TemplateSet({ funcs: sprigFunctions(), missingKey: 'zero' });
  try {
    return set.parse('t', tpl).execute('t', { cert: values.cert, ec: values.ecKey, ed: values.edKey });
  } catch (e) {
    return `ERROR: ${(e as Error).message}`;
  }
};

/** The certificates in a PEM text, parsed by node:crypto. */
const certs = (pem: string): X509Certificate[] => pem.split(/(?<=-----END CERTIFICATE-----\n)/).map((p) => new X509Certificate(p));

const DAY = 24 * 3600 * 1000;
const validDays = (c: X509Certificate): number => Math.round((Date.parse(c.validTo) - Date.parse(c.validFrom)) / DAY);

describe('certificate functions make what Go crypto/x509 makes for Sprig', () => {
  it('genCA: a self-signed CA with key usage for signing certificates', () => {
    const [ca] = certs(run('{{ (genCA "my-ca" 365).Cert }}'));
    expect(ca.subject).toBe('CN=my-ca');
    expect(ca.issuer).toBe('CN=my-ca');
    expect(ca.ca).toBe(true);
    expect(validDays(ca)).toBe(365);
    expect(Math.abs(Date.parse(ca.validFrom) - Date.now())).toBeLessThan(5 * 60_000);
    expect(ca.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  }, 30_000);

  it('genSignedCert: a leaf signed by the CA, with its SANs (IPv4-mapped addresses as IPv4)', () => {
    const out = run(
      '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" (list "10.0.0.1" "::ffff:1.2.3.4" "fe80::1") (list "svc.ns" "svc.ns.svc") 30 $ca }}{{ $c.Cert }}{{ $ca.Cert }}',
    );
    const [leaf, ca] = certs(out);
    expect(leaf.subject).toBe('CN=svc');
    expect(leaf.issuer).toBe('CN=my-ca');
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.subjectAltName).toBe('DNS:svc.ns, DNS:svc.ns.svc, IP Address:10.0.0.1, IP Address:1.2.3.4, IP Address:FE80:0:0:0:0:0:0:1');
    expect(validDays(leaf)).toBe(30);
    const legacy = leaf.toLegacyObject() as unknown as Record<string, unknown>;
    expect(legacy.serialNumber).toMatch(/^[0-9A-F]{1,34}$/);
  }, 30_000);

  it('genSelfSignedCertWithKey and genSignedCertWithKey use the given keys (ecdsa, ed25519) and sign with the matching algorithm', () => {
    const out = run('{{ $ca := genCAWithKey "ec-ca" 10 .ec }}{{ (genSignedCertWithKey "leaf" nil (list "a.b") 1 $ca .ed).Cert }}{{ $ca.Cert }}');
    const [leaf, ca] = certs(out);
    expect(ca.publicKey.asymmetricKeyType).toBe('ec');
    expect(leaf.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(leaf.verify(ca.publicKey)).toBe(true);
    const [self] = certs(run('{{ (genSelfSignedCertWithKey "" nil (list "x.y") 2 .ed).Cert }}'));
    expect(self.subject).toBeUndefined();
    expect(self.subjectAltName).toBe('DNS:x.y');
    expect(self.verify(self.publicKey)).toBe(true);
  }, 30_000);

  it('buildCustomCert returns the given certificate and key, which then sign like a generated CA', () => {
    expect(run('{{ (buildCustomCert (b64enc .cert) (b64enc .ec)).Cert }}')).toBe(values.cert);
    const [leaf] = certs(run('{{ (genSignedCert "svc" nil nil 3 (buildCustomCert (b64enc .cert) (b64enc .ec))).Cert }}'));
    const [custom] = certs(values.cert);
    expect(leaf.issuer).toBe('CN=fixed');
    expect(leaf.verify(custom.publicKey)).toBe(true);
  }, 30_000);

  it('genPrivateKey makes every key type Sprig does', () => {
    expect(run('{{ genPrivateKey "rsa" }}')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(run('{{ genPrivateKey "dsa" }}')).toMatch(/^-----BEGIN DSA PRIVATE KEY-----\n/);
    expect(run('{{ genPrivateKey "ecdsa" }}')).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(run('{{ genPrivateKey "ed25519" }}')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(run('{{ genPrivateKey "x" }}')).toBe('Unknown type x');
  }, 60_000);

  // Error texts as Sprig v3.3.0 gives them (checked with tools/fuzz/oracles/go-template).
  it.each([
    ['{{ genCAWithKey "x" 1 "junk" }}', 'genCAWithKey "x" 1 "junk"', 'parsing private key: no PEM data in input'],
    ['{{ genCAWithKey "x" 1 .cert }}', 'genCAWithKey "x" 1 .cert', 'parsing private key: no private key data in PEM block of type CERTIFICATE'],
    ['{{ genSelfSignedCert "x" (list 1) nil 1 }}', 'genSelfSignedCert "x" (list 1) nil 1', 'error parsing ip: 1 is not a string'],
    ['{{ genSelfSignedCert "x" (list "01.2.3.4") nil 1 }}', 'genSelfSignedCert "x" (list "01.2.3.4") nil 1', 'error parsing ip: 01.2.3.4'],
    ['{{ genSelfSignedCert "x" nil (list 3) 1 }}', 'genSelfSignedCert "x" nil (list 3) 1', 'error processing alternate dns name: 3 is not a string'],
    [
      '{{ genSelfSignedCert "x" nil (list "é.com") 1 }}',
      'genSelfSignedCert "x" nil (list "é.com") 1',
      'error creating certificate: x509: "é.com" cannot be encoded as an IA5String',
    ],
    ['{{ buildCustomCert "!!" "x" }}', 'buildCustomCert "!!" "x"', 'unable to decode base64 certificate'],
    ['{{ buildCustomCert (b64enc "junk") (b64enc .ec) }}', 'buildCustomCert (b64enc "junk") (b64enc .ec)', 'unable to decode certificate'],
    [
      '{{ buildCustomCert (b64enc .cert) (b64enc "junk") }}',
      'buildCustomCert (b64enc .cert) (b64enc "junk")',
      'error parsing private key: no PEM data in input',
    ],
    [
      '{{ genSignedCert "a" nil nil 1 (buildCustomCert (b64enc .cert) (b64enc .ed)) }}',
      'genSignedCert "a" nil nil 1 (buildCustomCert (b64enc .cert) (b64enc .ed))',
      "error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey",
    ],
    [
      '{{ genCAWithKey "x" 1 (genPrivateKey "dsa") }}',
      'genCAWithKey "x" 1 (genPrivateKey "dsa")',
      'error creating certificate: x509: certificate private key does not implement crypto.Signer',
    ],
  ])(
    '%s fails as in Go',
    (tpl, at, message) => {
      const fn = at.slice(0, at.indexOf(' '));
      expect(run(tpl)).toBe(`ERROR: template: t:1:3: executing "t" at <${at}>: error calling ${fn}: ${message}`);
    },
    60_000,
  );
});
