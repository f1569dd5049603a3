export { loadConfig, describeOptions, ConfigError, type OptionSpec, type OptionSpecs, type ConfigOf } from './config';
export { createLogger, type Logger, type LoggerOptions } from './logger';
export {
  ErrorKind,
  FjordError,
  InputError,
  NotFoundError,
  ConflictError,
  NotAllowedError,
  UnauthenticatedError,
  FailedPreconditionError,
  UnavailableError,
  toGrpcError,
  fromGrpcError,
} from './errors';
export { setupTelemetry, type Telemetry, type TelemetryOptions } from './telemetry';
export { createServiceMetrics, metricsOn, serveMetrics, type MetricDeclarations, type ServiceMetrics } from './metrics';
export { HealthService } from './health';
export { interceptService, type HandlerContext } from './grpc-handlers';
export { startGrpcServer, type GrpcServiceRegistration, type StartedGrpcServer } from './grpc-server';
export { tracingInterceptor, clientOptions, insecureCredentials } from './grpc-client';
export { metadataGetter, metadataSetter } from './trace-metadata';
export { traceparentOf, contextOfTraceparent } from './traceparent';
export { inSpan } from './in-span';
export { Semaphore } from './semaphore';
export { redactUrl, redactUrls, REDACTED_USERINFO } from './redact-url';
export { commonOptions, namespaceOption, runService, main, type ServiceContext, type ServiceSpec, type RunningService } from './service';
