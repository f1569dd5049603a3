import type { ServiceSpec } from '@fjord/platform';
import { startController } from './controller';
import { options } from './options';

/** The secrets process: unseals SealedSecrets (bitnami.com/v1alpha1), wire-compatible with kubeseal. */
export const secrets: ServiceSpec<typeof options> = {
  name: 'secrets',
  options,
  async compose(ctx) {
    const controller = await startController(ctx);
    return { services: [controller.grpc], close: controller.close };
  },
};

export { HttpPath } from './http-server';
export { options } from './options';
