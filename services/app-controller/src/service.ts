import { commonOptions, type ServiceSpec } from '@fjord/platform';

/** The app-controller's settings: flags with environment-variable twins. */
export const options = {
  ...commonOptions({ grpcPort: 8083, metricsPort: 8082, envPrefix: 'FJORD_CONTROLLER' }),
};

/** The app-controller process: reconciles Applications with the cluster: compare, health, sync, self-heal. */
export const appController: ServiceSpec<typeof options> = {
  name: 'app-controller',
  options,
  async compose() {
    return { services: [] };
  },
};
