/**
 * Unseal throughput with upstream's default RSA-4096 keys: SealedSecrets of one 32-byte item unsealed per second on
 * one core, with the right key first, and with the right key last of five (a controller after four renewals tries
 * every key: a ciphertext names none). Also seal throughput. Prints one JSON line.
 * Run: npx tsx bench/sealing.bench.ts [iterations]
 */
import { generateSealingKey, sealSecret, unsealSecret } from '@fjord/sealing';

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 300);
  const keys = await Promise.all(Array.from({ length: 5 }, () => generateSealingKey()));
  const newest = keys[4];
  const secret = { metadata: { name: 'db-pass', namespace: 'payments' }, stringData: { password: 'x'.repeat(32) } };
  const sealed = Array.from({ length: iterations }, () => sealSecret(secret, newest.publicKey));

  const time = (fn: () => void): number => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  for (let i = 0; i < 20; i++) unsealSecret(sealed[i], [newest.privateKey]); // warm-up
  const first = time(() => sealed.forEach((ss) => unsealSecret(ss, [newest.privateKey])));
  const last = time(() =>
    sealed.forEach((ss) =>
      unsealSecret(
        ss,
        keys.map((k) => k.privateKey),
      ),
    ),
  );
  const seal = time(() => {
    for (let i = 0; i < iterations; i++) sealSecret(secret, newest.publicKey);
  });
  const result = {
    keyBits: 4096,
    iterations,
    unsealPerSecondRightKeyFirst: Math.round(iterations / first),
    unsealPerSecondRightKeyLastOf5: Math.round(iterations / last),
    sealPerSecond: Math.round(iterations / seal),
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
