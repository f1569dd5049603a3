import { commonOptions, type ServiceSpec } from '@fjord/platform';

/** The api-gateway's settings: flags with environment-variable twins. */
export const options = {
  ...commonOptions({ grpcPort: 8090, metricsPort: 8091, envPrefix: 'FJORD_API_GATEWAY' }),
};

/** The api-gateway process: serves users and tools (REST, gRPC, web UI) and talks to every other service. */
export const apiGateway: ServiceSpec<typeof options> = {
  name: 'api-gateway',
  options,
  async compose() {
    return { services: [] };
  },
};
