export { ensureBinaries, type Binaries } from './binaries';
export { up, down, readState, isHealthy, defaultClusterDir, NODE_NAME, type ClusterState, type UpOptions } from './cluster';
export { freePorts } from './ports';
