import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { clientOptions, fromGrpcError } from '@fjord/platform';
import { repository } from '@fjord/proto';

/** The calls the controller makes to the repo-server. */
export interface RepoClient {
  generateManifest(req: repository.GenerateManifestRequest): Promise<repository.GenerateManifestResponse>;
  close(): void;
}

/** A gRPC client of the repo-server at `address` (host:port); errors come back as Fjord's error set. */
export function repoClient(address: string, timeoutMs = 60_000): RepoClient {
  const client = new repository.RepoServerServiceClient(address, credentials.createInsecure(), clientOptions());
  return {
    generateManifest: (req) =>
      new Promise((resolve, reject) =>
        client.generateManifest(req, new Metadata(), { deadline: Date.now() + timeoutMs }, (err: ServiceError | null, res) =>
          err ? reject(fromGrpcError(err)) : resolve(res),
        ),
      ),
    close: () => client.close(),
  };
}
