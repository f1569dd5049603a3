/**
 * Private keys as Sprig reads and writes them (parsePrivateKeyPEM, pemBlockForKey, generatePrivateKey): RSA as
 * PKCS#1, ECDSA as SEC 1, DSA in OpenSSL's traditional form, anything else (Ed25519, X25519) as PKCS#8.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { children, integer, pemDecode, pemEncode, readElement, seq, toBigInt } from './der';

/** A DSA key: Go reads and writes it, but x509 cannot sign with it and node:crypto cannot use the traditional form. */
export interface DsaKey {
  kind: 'dsa';
  p: bigint;
  q: bigint;
  g: bigint;
  y: bigint;
  x: bigint;
}

/** A private key Sprig's crypto functions take: a node:crypto key or a DSA key. */
export type PrivateKey = KeyObject | DsaKey;

export const isDsa = (k: PrivateKey): k is DsaKey => (k as DsaKey).kind === 'dsa';

/** The key types Go's x509.ParsePKCS8PrivateKey accepts. */
const PKCS8_TYPES = new Set(['rsa', 'ec', 'ed25519', 'x25519']);

function parseDer(bytes: Buffer, type: 'pkcs1' | 'sec1' | 'pkcs8', what: string): KeyObject {
  try {
    return createPrivateKey({ key: bytes, format: 'der', type });
  } catch {
    throw new Error(`${what}: x509: malformed private key`);
  }
}

function readDsa(bytes: Buffer): DsaKey {
  const [, p, q, g, y, x] = children(readElement(bytes).contents).map((e) => toBigInt(e.contents));
  if (x === undefined) throw new Error('parsing DSA private key from PEM: asn1: syntax error: sequence truncated');
  return { kind: 'dsa', p, q, g, y, x };
}

/** Sprig's parsePrivateKeyPEM: the first PEM block as a private key, with Sprig's error texts. */
export function parsePrivateKeyPem(text: string): PrivateKey {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  if (block.type === 'PRIVATE KEY') {
    const key = parseDer(block.bytes, 'pkcs8', 'decoding PEM as PKCS#8');
    if (!PKCS8_TYPES.has(key.asymmetricKeyType ?? '')) {
      throw new Error(`decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown algorithm: ${key.asymmetricKeyType}`);
    }
    return key;
  }
  if (!block.type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -12)) {
    case 'RSA':
      return parseDer(block.bytes, 'pkcs1', 'parsing RSA private key from PEM');
    case 'EC':
      return parseDer(block.bytes, 'sec1', 'parsing EC private key from PEM');
    case 'DSA':
      try {
        return readDsa(block.bytes);
      } catch (e) {
        throw new Error(`parsing DSA private key from PEM: ${(e as Error).message}`);
      }
    default:
      throw new Error(`invalid private key type ${block.type}`);
  }
}

/** Sprig's pemBlockForKey, as PEM text. */
export function privateKeyPem(key: PrivateKey): string {
  if (isDsa(key)) return pemEncode('DSA PRIVATE KEY', seq(...[0n, key.p, key.q, key.g, key.y, key.x].map(integer)));
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return pemEncode('RSA PRIVATE KEY', key.export({ type: 'pkcs1', format: 'der' }));
    case 'ec':
      return pemEncode('EC PRIVATE KEY', key.export({ type: 'sec1', format: 'der' }));
    default:
      return pemEncode('PRIVATE KEY', key.export({ type: 'pkcs8', format: 'der' }));
  }
}

/** The public key of a node:crypto private key, as SubjectPublicKeyInfo DER. */
export const publicKeyDer = (key: KeyObject): Buffer => createPublicKey(key).export({ type: 'spki', format: 'der' });

/** modular exponentiation for DSA's public value. */
function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/** A new DSA key (L2048 N256 as Sprig): node:crypto generates it, its PKCS#8 form gives p, q, g and x. */
function generateDsa(): DsaKey {
  const { privateKey } = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  const [, algorithm, wrapped] = children(readElement(privateKey.export({ type: 'pkcs8', format: 'der' })).contents);
  const [p, q, g] = children(children(algorithm.contents)[1].contents).map((e) => toBigInt(e.contents));
  const x = toBigInt(readElement(wrapped.contents).contents);
  return { kind: 'dsa', p, q, g, y: modPow(g, x, p), x };
}

/** Sprig's genPrivateKey: PEM of a new rsa (4096 bits), dsa, ecdsa (P-256) or ed25519 key. */
export function generatePrivateKey(type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return privateKeyPem(generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey);
    case 'dsa':
      return privateKeyPem(generateDsa());
    case 'ecdsa':
      return privateKeyPem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'ed25519':
      return privateKeyPem(generateKeyPairSync('ed25519').privateKey);
    default:
      return 'Unknown type ' + type;
  }
}
