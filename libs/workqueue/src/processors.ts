import type { WorkQueue } from './work-queue';

/**
 * What a handler says about a key: done (nothing), come back after a delay (`requeueAfterMs`), or retry with the
 * key's backoff (`retry`: a transient failure the handler has already reported, counted as a thrown error is).
 */
export type HandlerResult = { requeueAfterMs?: number; retry?: boolean } | void;

/**
 * Runs `count` processors over `queue`: each takes a key, runs `handler`, then marks it done. A thrown error
 * re-queues the key with backoff (and is reported to `onError`), as does a result with `retry`; a result with
 * `requeueAfterMs` re-queues it after that delay; otherwise its backoff is forgotten. Resolves when the queue
 * shuts down and all have stopped.
 */
export async function runProcessors(
  queue: WorkQueue,
  count: number,
  handler: (key: string) => Promise<HandlerResult>,
  onError: (key: string, err: unknown) => void = () => undefined,
): Promise<void> {
  const worker = async () => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        const result = await handler(key);
        if (result?.retry) queue.addRateLimited(key);
        else {
          queue.forget(key);
          if (result && result.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
        }
      } catch (err) {
        onError(key, err);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, count) }, worker));
}
