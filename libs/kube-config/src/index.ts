export { reuseConnections, connectionsOpened } from './reuse-connections';
export { connectionPool, requestOptions } from './request-options';
