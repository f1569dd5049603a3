import type { handleUnaryCall } from '@grpc/grpc-js';
import { secrets } from '@fjord/proto';
import { FailedPreconditionError, InputError, type GrpcServiceRegistration } from '@fjord/platform';
import { SealingError, SealingErrorReason, SealingScope } from '@fjord/sealing';
import type { SealingOperations } from './operations';

/** Wire scope → domain scope (unspecified means the input's own annotations decide). */
export function scopeFromWire(scope: secrets.SealingScope): SealingScope | undefined {
  switch (scope) {
    case secrets.SealingScope.SEALING_SCOPE_STRICT:
      return SealingScope.Strict;
    case secrets.SealingScope.SEALING_SCOPE_NAMESPACE_WIDE:
      return SealingScope.NamespaceWide;
    case secrets.SealingScope.SEALING_SCOPE_CLUSTER_WIDE:
      return SealingScope.ClusterWide;
    default:
      return undefined;
  }
}

/** Maps sealing errors to Fjord's error set (and so to gRPC codes); messages carry no secret values. */
function toFjordError(err: unknown): unknown {
  if (!(err instanceof SealingError)) return err;
  if (err.reason === SealingErrorReason.InvalidInput || err.reason === SealingErrorReason.InvalidBase64) return new InputError(err.message);
  return new FailedPreconditionError(err.message);
}

/** A unary handler from a function of the request; thrown errors are mapped, the interceptor reports them. */
function unary<Req, Res>(fn: (request: Req) => Res): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    let response: Res;
    try {
      response = fn(call.request);
    } catch (err) {
      throw toFjordError(err);
    }
    callback(null, response);
  };
}

/** The SecretsService gRPC implementation: each handler a line over {@link SealingOperations}. */
export function secretsGrpcService(ops: SealingOperations): GrpcServiceRegistration {
  const implementation: secrets.SecretsServiceServer = {
    getCertificate: unary(() => ({ certificatePem: ops.certificatePem() })),
    seal: unary((req: secrets.SealRequest) => ({ sealedSecret: JSON.stringify(ops.seal(req.secret, scopeFromWire(req.scope))) })),
    verify: unary((req: secrets.VerifyRequest) => {
      const result = ops.verify(req.sealedSecret);
      return { valid: result.valid, message: result.message };
    }),
    rotate: unary((req: secrets.RotateRequest) => ({ sealedSecret: JSON.stringify(ops.rotate(req.sealedSecret)) })),
  };
  return { definition: secrets.SecretsServiceService, implementation };
}
