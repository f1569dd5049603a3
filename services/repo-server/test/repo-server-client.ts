import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { clientOptions } from '@fjord/platform';
import { repository } from '@fjord/proto';

/** A promise-based client of a running repo-server, for tests. */
export function repoServerClient(port: number) {
  const client = new repository.RepoServerServiceClient(`127.0.0.1:${port}`, credentials.createInsecure(), clientOptions());
  const unary =
    <Req, Res>(fn: (req: Req, md: Metadata, cb: (e: ServiceError | null, r: Res) => void) => unknown) =>
    (req: Req) =>
      new Promise<Res>((resolve, reject) => fn.call(client, req, new Metadata(), (e, r) => (e ? reject(e) : resolve(r))));
  return {
    generate: (req: Partial<repository.GenerateManifestRequest>) =>
      unary<repository.GenerateManifestRequest, repository.GenerateManifestResponse>(client.generateManifest)(
        repository.GenerateManifestRequest.fromPartial(req),
      ),
    resolve: (req: Partial<repository.ResolveRevisionRequest>) =>
      unary<repository.ResolveRevisionRequest, repository.ResolveRevisionResponse>(client.resolveRevision)(repository.ResolveRevisionRequest.fromPartial(req)),
    listRefs: (req: Partial<repository.ListRefsRequest>) =>
      unary<repository.ListRefsRequest, repository.ListRefsResponse>(client.listRefs)(repository.ListRefsRequest.fromPartial(req)),
    details: (req: Partial<repository.GetAppDetailsRequest>) =>
      unary<repository.GetAppDetailsRequest, repository.GetAppDetailsResponse>(client.getAppDetails)(repository.GetAppDetailsRequest.fromPartial(req)),
    close: () => client.close(),
  };
}
