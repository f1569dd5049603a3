/**
 * Retries `probe` until it stops throwing, then returns its result; after `timeoutMs` rethrows its last error.
 * For tests that wait on the real world (a Deployment becoming Available), instead of fixed sleeps.
 */
export async function eventually<T>(probe: () => Promise<T> | T, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    try {
      return await probe();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
    }
  }
}
