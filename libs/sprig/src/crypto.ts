/** Sprig's crypto functions: bcrypt/htpasswd, derivePassword, private keys, certificates and AES. */
import { createCipheriv, createDecipheriv, createHmac, generateKeyPairSync, randomBytes, scryptSync } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { GoStruct, goFunc, type FuncMap, type GoValue } from '@fjord/go-template';
import { base64Decode } from './encoding';
import { generatePrivateKey, parsePrivateKeyPem, type PrivateKey } from './keys';
import { certificateValue, createCertificate, decodeCertificate, parseSignerCertificate, type Signer } from './x509';

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

/** Sprig's parsePrivateKeyPEM with the prefix its callers add to the error. */
function parseKey(pem: string, prefix: string): PrivateKey {
  try {
    return parsePrivateKeyPem(pem);
  } catch (e) {
    throw new Error(`${prefix}: ${(e as Error).message}`);
  }
}

/** A new RSA 2048 key, as genCA, genSelfSignedCert and genSignedCert make for the certificate. */
const rsa2048 = (): PrivateKey => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** The CA a genSignedCert* call signs with, read from its certificate value. */
function signerOf(ca: GoValue): Signer {
  const fields = ca instanceof GoStruct ? ca.fields : {};
  const cert = parseSignerCertificate(String(fields.Cert ?? ''));
  return { ...cert, key: parseKey(String(fields.Key ?? ''), 'error parsing private key') };
}

/** buildCustomCert: a certificate value from a base64 certificate and key, checked as Sprig checks them. */
function buildCustomCert(b64cert: string, b64key: string): GoStruct {
  let cert: string;
  let key: string;
  try {
    cert = Buffer.from(base64Decode(b64cert)).toString('latin1');
  } catch {
    throw new Error('unable to decode base64 certificate');
  }
  try {
    key = Buffer.from(base64Decode(b64key)).toString('latin1');
  } catch {
    throw new Error('unable to decode base64 private key');
  }
  decodeCertificate(cert, 'decodedCert.Bytes');
  parseKey(key, 'error parsing private key');
  const utf8 = (s: string): string => Buffer.from(s, 'latin1').toString('utf8');
  return certificateValue(utf8(cert), utf8(key));
}

const CA = 'func(string, int) (sprig.certificate, error)';
const SELF_SIGNED = 'func(string, []interface {}, []interface {}, int) (sprig.certificate, error)';
const SIGNED = 'func(string, []interface {}, []interface {}, int, sprig.certificate) (sprig.certificate, error)';
const withKey = (signature: string): string => signature.replace(') (sprig', ', string) (sprig');

/** The certificate functions by name (Sprig's crypto.go). */
const certificateFuncs: FuncMap = {
  genCA: goFunc(CA, (cn: string, days: bigint) => createCertificate({ cn, ips: null, dns: null, days: Number(days), isCA: true }, rsa2048())),
  genCAWithKey: goFunc(withKey(CA), (cn: string, days: bigint, pem: string) =>
    createCertificate({ cn, ips: null, dns: null, days: Number(days), isCA: true }, parseKey(pem, 'parsing private key')),
  ),
  genSelfSignedCert: goFunc(SELF_SIGNED, (cn: string, ips: GoValue, dns: GoValue, days: bigint) =>
    createCertificate({ cn, ips, dns, days: Number(days), isCA: false }, rsa2048()),
  ),
  genSelfSignedCertWithKey: goFunc(withKey(SELF_SIGNED), (cn: string, ips: GoValue, dns: GoValue, days: bigint, pem: string) =>
    createCertificate({ cn, ips, dns, days: Number(days), isCA: false }, parseKey(pem, 'parsing private key')),
  ),
  genSignedCert: goFunc(SIGNED, (cn: string, ips: GoValue, dns: GoValue, days: bigint, ca: GoValue) => {
    const key = rsa2048();
    return createCertificate({ cn, ips, dns, days: Number(days), isCA: false }, key, signerOf(ca));
  }),
  genSignedCertWithKey: goFunc(withKey(SIGNED), (cn: string, ips: GoValue, dns: GoValue, days: bigint, ca: GoValue, pem: string) => {
    const key = parseKey(pem, 'parsing private key');
    return createCertificate({ cn, ips, dns, days: Number(days), isCA: false }, key, signerOf(ca));
  }),
  buildCustomCert: goFunc('func(string, string) (sprig.certificate, error)', buildCustomCert),
};

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
  genPrivateKey: goFunc('func(string) string', generatePrivateKey),
  ...certificateFuncs,
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
