import { commonOptions, type ServiceSpec } from '@fjord/platform';

/** The repo-server's settings: flags with environment-variable twins. */
export const options = {
  ...commonOptions({ grpcPort: 8081, metricsPort: 8084, envPrefix: 'FJORD_REPO_SERVER' }),
};

/** The repo-server process: renders manifests from Git (plain YAML, Kustomize, Helm). */
export const repoServer: ServiceSpec<typeof options> = {
  name: 'repo-server',
  options,
  async compose() {
    return { services: [] };
  },
};
