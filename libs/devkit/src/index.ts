export { repoRoot } from './repo-root';
export {
  SERVICE_NAMES,
  spawnService,
  spawnGateway,
  spawnRepoServer,
  spawnTestGateway,
  spawnController,
  spawnFjord,
  type ControllerOptions,
  type FjordServices,
  type FjordServicesOptions,
  type GatewayProcess,
  type RepoServerOptions,
  type TestGatewayOptions,
  type ServiceName,
  type ServiceProcess,
  type SpawnServiceOptions,
} from './service-process';
export { startOtlpSink, type OtlpSink, type ReceivedSpan } from './otlp-sink';
export { testKubeConfig, createTestNamespace, createFjordNamespace, useTestNamespace, objectApi, readAdminPassword, type TestNamespace } from './test-kube';
export { eventually } from './eventually';
export { startGitServer, type GitServer, type GitServerOptions } from './git-server';
export { createGitFixture, type GitFixture } from './git-fixture';
export { serveTestRepo, type ServedRepo, type ServedRepoOptions } from './served-repo';
export { gitHubPushBody, gitHubSignature, sendGitHubPush, type TestPush } from './github-push';
export { applyCrd, fjordCrds, installCrds } from './crds';
export { gadgetCrd, gadgetSpecSchema, testGroup } from './test-crd';
export { SupervisedService, DEFAULT_RESTART_POLICY, type RestartPolicy, type SupervisorOptions } from './supervisor';
export { APPLICATIONS, testApplication, createTestApplication, readApplication, type TestAppOptions } from './test-apps';
export { runProgram, runFjord, FJORD_CLI, type ProgramOutput, type RunProgramOptions } from './run-program';
export { SHARED_CORPUS, findCorpusCases, type CorpusCase, type FindCasesOptions } from './corpus';
export { describeConformance, yamlValues, type ConformanceSuite, type RunOutcome } from './conformance';
export { equalModuloNoise } from './noise';
export { mapConcurrent } from './map-concurrent';
export { goOracle, ORACLES } from './go-oracle';
