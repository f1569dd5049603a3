export { reuseConnections, connectionsOpened } from './reuse-connections';
