import { commonOptions, type ServiceSpec } from '@fjord/platform';

/** The secrets's settings: flags with environment-variable twins. */
export const options = {
  ...commonOptions({ grpcPort: 8086, metricsPort: 8087, envPrefix: 'FJORD_SECRETS' }),
};

/** The secrets process: unseals SealedSecrets (bitnami.com/v1alpha1), wire-compatible with kubeseal. */
export const secrets: ServiceSpec<typeof options> = {
  name: 'secrets',
  options,
  async compose() {
    return { services: [] };
  },
};
