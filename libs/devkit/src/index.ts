export { repoRoot } from './repo-root';
export {
  SERVICE_NAMES,
  spawnService,
  type ServiceName,
  type ServiceProcess,
  type SpawnServiceOptions,
} from './service-process';
export { startOtlpSink, type OtlpSink, type ReceivedSpan } from './otlp-sink';
