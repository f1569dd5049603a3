import type { KeyObject } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import {
  assertNotExpired,
  checkSealedSecretShape,
  formatObject,
  mergeSealedSecrets,
  parseCertificate,
  parseObjects,
  parseOutputFormat,
  parseScope,
  parseSingleObject,
  privateKeysFromBackup,
  SEALED_SECRET_KIND,
  sealRawValue,
  sealSecret,
  SealingScope,
  scopeOf,
  unsealSecret,
  type OutputFormat,
  type SealedSecret,
  type Secret,
} from '@fjord/sealing';
import { redactUrl } from '@fjord/platform';

/** The flags of `fjord seal`, named as kubeseal names them. */
export interface SealFlags {
  cert?: string;
  controllerUrl: string;
  format?: string;
  secretFile?: string;
  sealedSecretFile?: string;
  scope: string;
  name?: string;
  namespace?: string;
  raw?: boolean;
  fromFile?: string[];
  mergeInto?: string;
  allowEmptyData?: boolean;
  fetchCert?: boolean;
  validate?: boolean;
  reEncrypt?: boolean;
  recoveryUnseal?: boolean;
  recoveryPrivateKey?: string[];
}

/** What the command reads and writes, injectable for tests. */
export interface SealIo {
  stdin(): Promise<string>;
  stdout(text: string): void;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  fetch(url: string, init?: { method?: string; body?: string }): Promise<{ status: number; text(): Promise<string> }>;
  /** The namespace of the current kubeconfig context (kubeseal's fallback), or undefined. */
  contextNamespace(): Promise<string | undefined>;
  now(): Date;
}

/** How long `fjord seal` waits for the secrets service (certificate, --validate, --re-encrypt) before giving up. */
const SERVICE_TIMEOUT_MS = 30_000;

const defaultIo: SealIo = {
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stdout: (text) => void process.stdout.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: async (path, text) => {
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
  },
  fetch: async (url, init) => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS) });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError') throw new Error(`${redactUrl(url)} did not answer within ${SERVICE_TIMEOUT_MS / 1000} s`);
      throw new Error(`cannot reach ${redactUrl(url)}: ${(e.cause as Error | undefined)?.message ?? e.message}`);
    }
  },
  contextNamespace: async () => {
    try {
      const { KubeConfig } = await import('@kubernetes/client-node');
      const kc = new KubeConfig();
      kc.loadFromDefault();
      return kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
    } catch {
      return undefined;
    }
  },
  now: () => new Date(),
};

async function readCertificate(flags: SealFlags, io: SealIo): Promise<string> {
  const source = flags.cert ?? `${flags.controllerUrl.replace(/\/$/, '')}/v1/cert.pem`;
  if (source.startsWith('file://')) return io.readFile(fileURLToPath(source));
  if (/^https?:\/\//.test(source)) {
    const res = await io.fetch(source);
    if (res.status !== 200) throw new Error(`cannot fetch certificate: ${source} answered ${res.status}`);
    return res.text();
  }
  return io.readFile(source);
}

async function publicKey(flags: SealFlags, io: SealIo) {
  const cert = parseCertificate(await readCertificate(flags, io));
  assertNotExpired(cert, io.now());
  return cert.publicKey;
}

async function sealObjects(flags: SealFlags, io: SealIo, input: string, format: OutputFormat, override: { name?: string; namespace?: string } = {}) {
  const key = await publicKey(flags, io);
  const secrets = parseObjects(input) as unknown as Secret[];
  if (secrets.length === 0) throw new Error('no secrets found. Ensure the input is valid and UTF-8 encoded');
  const scope = parseScope(flags.scope);
  const out: SealedSecret[] = [];
  for (const secret of secrets) {
    let namespace = override.namespace ?? flags.namespace;
    const effectiveScope = scope !== SealingScope.Strict ? scope : scopeOf(secret.metadata);
    if (!namespace && !secret.metadata?.namespace && effectiveScope !== SealingScope.ClusterWide) namespace = await io.contextNamespace();
    out.push(sealSecret(secret, key, { scope, name: override.name ?? flags.name, namespace, allowEmptyData: flags.allowEmptyData }));
  }
  return out.map((ss) => formatObject(ss, format)).join('');
}

async function sealRaw(flags: SealFlags, io: SealIo): Promise<string> {
  if ((flags.fromFile ?? []).length > 1) throw new Error('must provide only one --from-file when encrypting a single item with --raw');
  const file = flags.fromFile?.[0];
  // kubectl's syntax: [key=]path; the key is irrelevant to a raw value.
  const value = file ? await io.readFile(file.includes('=') ? file.slice(file.indexOf('=') + 1) : file) : await io.stdin();
  const scope = parseScope(flags.scope);
  return sealRawValue(Buffer.from(value, 'utf8'), await publicKey(flags, io), { scope, namespace: flags.namespace, name: flags.name });
}

async function recoveryUnseal(flags: SealFlags, io: SealIo, input: string, format: OutputFormat): Promise<string> {
  const files = (flags.recoveryPrivateKey ?? []).flatMap((f) => f.split(',')).filter(Boolean);
  if (files.length === 0) throw new Error('--recovery-unseal requires --recovery-private-key');
  const keys: KeyObject[] = [];
  for (const file of files) keys.push(...privateKeysFromBackup(await io.readFile(file)));
  const sealed = parseObjects(input) as unknown as SealedSecret[];
  return sealed.map((ss) => formatObject(unsealSecret(ss, keys), format)).join('');
}

async function throughService(flags: SealFlags, io: SealIo, input: string, path: 'verify' | 'rotate'): Promise<string> {
  const sealed = checkSealedSecretShape(parseSingleObject<SealedSecret>(input, SEALED_SECRET_KIND));
  const url = `${flags.controllerUrl.replace(/\/$/, '')}/v1/${path}`;
  const res = await io.fetch(url, { method: 'POST', body: JSON.stringify(sealed) });
  const body = await res.text();
  if (path === 'verify' && res.status === 409) throw new Error(`unable to decrypt sealed secret: ${sealed.metadata?.name ?? ''}`);
  if (res.status !== 200) throw new Error(`${path} failed (${res.status}): ${body.trim()}`);
  return body;
}

/** Runs `fjord seal` with the given flags; returns nothing, writes to stdout or files. */
export async function runSeal(flags: SealFlags, io: SealIo = defaultIo): Promise<void> {
  if ((flags.fromFile ?? []).length > 0 && !flags.raw) throw new Error('--from-file requires --raw');
  const format = parseOutputFormat(flags.format ?? (/\.ya?ml$/.test(flags.sealedSecretFile ?? '') ? 'yaml' : undefined));
  if (flags.fetchCert) return io.stdout(await readCertificate(flags, io));
  if (flags.raw) return io.stdout(await sealRaw(flags, io));
  const input = flags.secretFile ? await io.readFile(flags.secretFile) : await io.stdin();
  const emit = (text: string) => (flags.sealedSecretFile ? io.writeFile(flags.sealedSecretFile, text) : io.stdout(text));
  if (flags.recoveryUnseal) return emit(await recoveryUnseal(flags, io, input, format));
  if (flags.validate) return void (await throughService(flags, io, input, 'verify'));
  if (flags.reEncrypt) {
    const rotated = JSON.parse(await throughService(flags, io, input, 'rotate')) as SealedSecret;
    const target = flags.sealedSecretFile ?? flags.secretFile;
    return target ? io.writeFile(target, formatObject(rotated, format)) : io.stdout(formatObject(rotated, format));
  }
  if (flags.mergeInto) {
    const original = parseSingleObject<SealedSecret>(await io.readFile(flags.mergeInto), SEALED_SECRET_KIND);
    const override = { name: original.metadata?.name, namespace: original.metadata?.namespace };
    const update = parseSingleObject<SealedSecret>(await sealObjects(flags, io, input, format, override), SEALED_SECRET_KIND);
    return io.writeFile(flags.mergeInto, formatObject(mergeSealedSecrets(original, update), format));
  }
  return emit(await sealObjects(flags, io, input, format));
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Registers `fjord seal`: kubeseal's flags, reading a Secret on stdin and printing a SealedSecret. */
export function registerSealCommand(program: Command): void {
  program
    .command('seal')
    .description('Seal a Secret read on stdin into a SealedSecret (bitnami.com/v1alpha1), as kubeseal does')
    .addOption(new Option('--cert <file|url>', 'certificate file or URL (http, https, file) to seal with').env('SEALED_SECRETS_CERT'))
    .addOption(
      new Option('--controller-url <url>', "the secrets service's HTTP API, used when --cert is absent and for --validate/--re-encrypt")
        .env('FJORD_SECRETS_URL')
        .default('http://127.0.0.1:8088'),
    )
    .option('-o, --format <format>', 'output format: json or yaml (default json)')
    .option('-f, --secret-file <file>', 'input file (default stdin)')
    .option('-w, --sealed-secret-file <file>', 'output file (default stdout); .yaml/.yml selects yaml')
    .option('--scope <scope>', 'strict, namespace-wide or cluster-wide', 'strict')
    .option('--name <name>', 'name of the sealed secret (required with --raw in strict scope)')
    .option('-n, --namespace <namespace>', 'namespace of the sealed secret')
    .option('--raw', 'encrypt one raw value (from --from-file or stdin) instead of a Secret')
    .option('--from-file <file>', 'with --raw: the file holding the value', collect)
    .option('--merge-into <file>', 'merge the sealed items into this SealedSecret file, in place')
    .option('--allow-empty-data', 'allow a Secret without data')
    .option('--fetch-cert', 'print the certificate and exit')
    .option('--validate', 'check through the service that the SealedSecret decrypts')
    .option('--re-encrypt', 're-encrypt the SealedSecret with the latest key, through the service')
    .option('--recovery-unseal', 'decrypt SealedSecrets offline with --recovery-private-key (disaster recovery)')
    .option('--recovery-private-key <files>', 'private key files: PEM, a key Secret or a List of them (comma-separated or repeated)', collect)
    .action(async (flags: SealFlags) => {
      const write = program.configureOutput().writeOut;
      await runSeal(flags, write ? { ...defaultIo, stdout: (t) => write(t) } : defaultIo);
    });
}
