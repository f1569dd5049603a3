import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { clientOptions, fromGrpcError, UnavailableError, type FjordError } from '@fjord/platform';
import { applicationTypes, controller } from '@fjord/proto';

/** What the gateway asks the app-controller: the live-state views of one app. */
export interface ControllerClient {
  resourceTree(name: string, namespace: string): Promise<applicationTypes.ResourceTree>;
  managedResources(name: string, namespace: string): Promise<applicationTypes.ResourceDiff[]>;
  close(): void;
}

/**
 * A gRPC client of the app-controller's ControllerService at `address`. When the controller cannot be reached the
 * call fails fast with UnavailableError (HTTP 503) naming the address, instead of hanging.
 */
export function controllerClient(address: string, timeoutMs = 10_000): ControllerClient {
  const client = new controller.ControllerServiceClient(address, credentials.createInsecure(), clientOptions());
  const toError = (err: ServiceError): FjordError =>
    err.code === status.UNAVAILABLE || err.code === status.DEADLINE_EXCEEDED || err.code === status.UNIMPLEMENTED
      ? new UnavailableError(`the app-controller at ${address} is not available: ${err.details || err.message}`, { cause: err })
      : fromGrpcError(err);
  const call = <Req, Res>(
    method: (req: Req, md: Metadata, opts: { deadline: number }, cb: (err: ServiceError | null, res: Res) => void) => unknown,
    req: Req,
  ) =>
    new Promise<Res>((resolve, reject) =>
      method.call(client, req, new Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(toError(err)) : resolve(res))),
    );
  return {
    resourceTree: (name, namespace) => call(client.getResourceTree, { app: { name, namespace } }),
    managedResources: async (name, namespace) =>
      (await call<controller.GetManagedResourcesRequest, controller.GetManagedResourcesResponse>(client.getManagedResources, { app: { name, namespace } }))
        .items,
    close: () => client.close(),
  };
}
