/**
 * Fjord's gRPC contracts, generated from proto/ (npm run proto:gen). One namespace per proto package, so that
 * same-named messages of different services never clash.
 */
export * as health from './gen/grpc/health/v1/health';
export * as repository from './gen/fjord/repository/v1/repository';
export * as secrets from './gen/fjord/secrets/v1/secrets';
export * as controller from './gen/fjord/controller/v1/controller';
export * as applicationTypes from './gen/fjord/application/v1/types';
export * as application from './gen/fjord/application/v1/application';
export * as project from './gen/fjord/project/v1/project';
export * as session from './gen/fjord/session/v1/session';
export { sourceRequest, isRefOnly, parseRefValueFile, refSourceProblems, REF_NAME, type SourceRequestOptions, type RefValueFile } from './source-request';
