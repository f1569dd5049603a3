/** Sprig's crypto functions: bcrypt/htpasswd, derivePassword, private keys, certificates and AES. */
import { createCipheriv, createDecipheriv, createHmac, generateKeyPairSync, randomBytes, scryptSync } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import forge from 'node-forge';
import { GoStruct, goFunc, type FuncMap, type GoValue } from '@fjord/go-template';
import { toStrings } from './strings';

const seedText = 'com.lyndir.masterpassword';
const templates: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const chars: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** The Master Password algorithm Sprig's derivePassword implements (deterministic). */
export function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const tpls = templates[type];
  if (!tpls) return `cannot find password template ${type}`;
  const seed = Buffer.from(seedText);
  const salt = Buffer.concat([seed, u32(Buffer.byteLength(user)), Buffer.from(user)]);
  const key = scryptSync(Buffer.from(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const msg = Buffer.concat([seed, u32(Buffer.byteLength(site)), Buffer.from(site), u32(counter)]);
  const hmac = createHmac('sha256', key).update(msg).digest();
  const tpl = tpls[hmac[0] % tpls.length];
  return [...tpl].map((t, i) => chars[t][hmac[i + 1] % chars[t].length]).join('');
}

/** A bcrypt hash with cost 10 in Go's `$2a$` form (bcryptjs writes `$2b$`; the algorithm is the same). */
const goBcrypt = (s: string): string => bcryptjs.hashSync(s, 10).replace(/^\$2b\$/, '$2a$');

/** genPrivateKey: PEM of a new rsa (4096), ecdsa (P-256) or ed25519 key. */
function genPrivateKey(type: string): string {
  switch (type) {
    case '':
    case 'rsa': {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
      return privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    }
    case 'ecdsa': {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    }
    case 'ed25519': {
      const { privateKey } = generateKeyPairSync('ed25519');
      return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    }
    default:
      return 'Unknown type ' + type;
  }
}

/** A certificate and key as Sprig returns them (fields Cert and Key). */
const certValue = (cert: string, key: string): GoStruct => new GoStruct('sprig.certificate', { Cert: cert, Key: key });

interface CertOptions {
  cn: string;
  ips: string[];
  dns: string[];
  days: number;
  isCA: boolean;
  signer?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
}

function makeCert(o: CertOptions): GoStruct {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + o.days * 24 * 3600 * 1000);
  const subject = [{ name: 'commonName', value: o.cn }];
  cert.setSubject(subject);
  cert.setIssuer(o.signer ? o.signer.cert.subject.attributes : subject);
  const ext: object[] = [{ name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true, keyCertSign: o.isCA }];
  if (o.isCA) ext.push({ name: 'basicConstraints', critical: true, cA: true });
  else ext.push({ name: 'extKeyUsage', serverAuth: true, clientAuth: true });
  const alt = [...o.dns.map((value) => ({ type: 2, value })), ...o.ips.map((ip) => ({ type: 7, ip }))];
  if (alt.length) ext.push({ name: 'subjectAltName', altNames: alt });
  cert.setExtensions(ext);
  cert.sign(o.signer?.key ?? keys.privateKey, forge.md.sha256.create());
  // Go's pem.Encode ends lines with \n; node-forge writes \r\n.
  const lf = (pem: string): string => pem.replace(/\r\n/g, '\n');
  return certValue(lf(forge.pki.certificateToPem(cert)), lf(forge.pki.privateKeyToPem(keys.privateKey)));
}

function signerOf(ca: GoValue): CertOptions['signer'] {
  if (!(ca instanceof GoStruct)) throw new Error('wrong type for value; expected sprig.certificate');
  return {
    cert: forge.pki.certificateFromPem(String(ca.fields.Cert)),
    key: forge.pki.privateKeyFromPem(String(ca.fields.Key)) as forge.pki.rsa.PrivateKey,
  };
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password).copy(key);
  return key;
}

/** The crypto functions by name. */
export const cryptoFuncs: FuncMap = {
  bcrypt: goFunc('func(string) string', (s: string) => goBcrypt(s)),
  htpasswd: goFunc('func(string, string) string', (user: string, pass: string) =>
    user.includes(':') ? `invalid username: ${user}` : `${user}:${goBcrypt(pass)}`,
  ),
  derivePassword: goFunc('func(uint32, string, string, string, string) string', (c: { value: bigint }, t: string, p: string, u: string, s: string) =>
    derivePassword(Number(c.value), t, p, u, s),
  ),
  genPrivateKey: goFunc('func(string) string', genPrivateKey),
  genCA: goFunc('func(string, int) (sprig.certificate, error)', (cn: string, days: bigint) =>
    makeCert({ cn, ips: [], dns: [], days: Number(days), isCA: true }),
  ),
  genSelfSignedCert: goFunc(
    'func(string, []interface {}, []interface {}, int) (sprig.certificate, error)',
    (cn: string, ips: GoValue, dns: GoValue, days: bigint) => makeCert({ cn, ips: toStrings(ips), dns: toStrings(dns), days: Number(days), isCA: false }),
  ),
  genSignedCert: goFunc(
    'func(string, []interface {}, []interface {}, int, sprig.certificate) (sprig.certificate, error)',
    (cn: string, ips: GoValue, dns: GoValue, days: bigint, ca: GoValue) =>
      makeCert({ cn, ips: toStrings(ips), dns: toStrings(dns), days: Number(days), isCA: false, signer: signerOf(ca) }),
  ),
  encryptAES: goFunc('func(string, string) (string, error)', (password: string, plain: string) => {
    const data = Buffer.from(plain);
    const padLen = 16 - (data.length % 16);
    const padded = Buffer.concat([data, Buffer.alloc(padLen, padLen)]);
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', aesKey(password), iv).setAutoPadding(false);
    return Buffer.concat([iv, c.update(padded), c.final()]).toString('base64');
  }),
  decryptAES: goFunc('func(string, string) (string, error)', (password: string, b64: string) => {
    const data = Buffer.from(b64, 'base64');
    if (data.length < 16) throw new Error('ciphertext too short');
    const d = createDecipheriv('aes-256-cbc', aesKey(password), data.subarray(0, 16)).setAutoPadding(false);
    const out = Buffer.concat([d.update(data.subarray(16)), d.final()]);
    return out.subarray(0, out.length - out[out.length - 1]).toString();
  }),
};
