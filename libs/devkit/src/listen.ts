import type { Server } from 'node:net';

/** Starts `server` listening on a free port of 127.0.0.1 and resolves with that port. */
export async function listenOnFreePort(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
