import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { clientOptions, fromGrpcError, UnavailableError, type FjordError } from '@fjord/platform';
import { repository } from '@fjord/proto';

/** What the gateway asks the repo-server: does a revision resolve, does a source render. */
export interface RepoServerClient {
  resolveRevision(req: repository.ResolveRevisionRequest): Promise<repository.ResolveRevisionResponse>;
  generateManifest(req: repository.GenerateManifestRequest): Promise<repository.GenerateManifestResponse>;
  close(): void;
}

/**
 * A gRPC client of the repo-server at `address`. When the repo-server itself cannot be reached (no connection within
 * `connectMs`) the call fails with UnavailableError naming the address; errors the repo-server answers come back as
 * Fjord's error set, so a caller can tell "the repo-server is down" from "the repo-server says the repo is bad".
 */
export function repoServerClient(address: string, options: { timeoutMs?: number; connectMs?: number } = {}): RepoServerClient {
  const { timeoutMs = 30_000, connectMs = 3_000 } = options;
  const client = new repository.RepoServerServiceClient(address, credentials.createInsecure(), clientOptions());
  const unavailable = (detail: string, cause?: unknown): FjordError =>
    new UnavailableError(`the repo-server at ${address} is not available: ${detail}`, { cause });
  const ready = () =>
    new Promise<void>((resolve, reject) => client.waitForReady(Date.now() + connectMs, (err) => (err ? reject(unavailable(err.message, err)) : resolve())));
  const call = async <Req, Res>(
    method: (req: Req, md: Metadata, opts: { deadline: number }, cb: (err: ServiceError | null, res: Res) => void) => unknown,
    req: Req,
  ) => {
    await ready();
    return new Promise<Res>((resolve, reject) =>
      method.call(client, req, new Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
        if (!err) resolve(res);
        else reject(err.code === status.UNIMPLEMENTED ? unavailable(err.details || err.message, err) : fromGrpcError(err));
      }),
    );
  };
  return {
    resolveRevision: (req) => call(client.resolveRevision, req),
    generateManifest: (req) => call(client.generateManifest, req),
    close: () => client.close(),
  };
}
