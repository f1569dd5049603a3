import { commonOptions, namespaceOption, type OptionSpecs } from '@fjord/platform';
import { DEFAULT_CERT_TTL_MS, DEFAULT_KEY_BITS, DEFAULT_KEY_PREFIX, KeyOrderPriority } from '@fjord/sealing';

/** The settings upstream's controller has, under its flag names and SEALED_SECRETS_* variables. */
const upstreamOptions = {
  keyPrefix: {
    flag: 'key-prefix',
    env: 'SEALED_SECRETS_KEY_PREFIX',
    type: 'string',
    default: DEFAULT_KEY_PREFIX,
    description: 'Name prefix of the key Secrets (generateName).',
  },
  keySize: { flag: 'key-size', env: 'SEALED_SECRETS_KEY_SIZE', type: 'number', default: DEFAULT_KEY_BITS, description: 'RSA key size in bits.' },
  keyTtl: {
    flag: 'key-ttl',
    env: 'SEALED_SECRETS_KEY_TTL',
    type: 'string',
    default: `${DEFAULT_CERT_TTL_MS / 3_600_000}h`,
    description: 'Validity of new certificates (Go duration).',
  },
  keyRenewPeriod: {
    flag: 'key-renew-period',
    env: 'SEALED_SECRETS_KEY_RENEW_PERIOD',
    type: 'string',
    default: '720h',
    description: 'How often a new sealing key is generated (Go duration); 0 disables renewal. Old keys are kept.',
  },
  keyCutoffTime: {
    flag: 'key-cutoff-time',
    env: 'SEALED_SECRETS_KEY_CUTOFF_TIME',
    type: 'string',
    default: '',
    description: 'Generate a new key at start if the latest is older than this time (RFC 1123Z, as `date -R` prints).',
  },
  keyOrderPriority: {
    flag: 'key-order-priority',
    env: 'SEALED_SECRETS_KEY_ORDER_PRIORITY',
    type: 'string',
    default: KeyOrderPriority.CertNotBefore,
    description: 'What makes a key the latest: CertNotBefore or SecretCreationTimestamp.',
  },
  myCn: { flag: 'my-cn', env: 'SEALED_SECRETS_MY_CN', type: 'string', default: '', description: 'Common name of new certificates.' },
  updateStatus: {
    flag: 'update-status',
    env: 'SEALED_SECRETS_UPDATE_STATUS',
    type: 'boolean',
    default: true,
    description: 'Write the Synced condition to SealedSecret status.',
  },
  acceptDeprecatedV1Data: {
    flag: 'accept-deprecated-v1-data',
    env: 'SEALED_SECRETS_ACCEPT_DEPRECATED_V1_DATA',
    type: 'boolean',
    default: true,
    description: 'Unseal the deprecated spec.data format.',
  },
  maxUnsealRetries: {
    flag: 'max-unseal-retries',
    env: 'SEALED_SECRETS_MAX_UNSEAL_RETRIES',
    type: 'number',
    default: 5,
    description: 'Retries of a failed Kubernetes write before giving up until the next change.',
  },
} as const satisfies OptionSpecs;

/** The secrets service's settings (flags with environment-variable twins): the common ones, upstream's, then Fjord's own. */
export const options = {
  ...commonOptions({ grpcPort: 8086, metricsPort: 8087, envPrefix: 'FJORD_SECRETS' }),
  ...upstreamOptions,
  namespace: namespaceOption("Fjord's namespace, where the sealing key Secrets live."),
  kubeconfig: {
    flag: 'kubeconfig',
    env: 'FJORD_SECRETS_KUBECONFIG',
    type: 'string',
    default: '',
    description: 'Kubeconfig file; empty means KUBECONFIG, ~/.kube/config, or the in-cluster service account.',
  },
  httpPort: {
    flag: 'http-port',
    env: 'FJORD_SECRETS_HTTP_PORT',
    type: 'number',
    default: 8088,
    description: "Port of upstream's HTTP API (/v1/cert.pem, /v1/verify, /v1/rotate, /healthz, /metrics); 0 picks one.",
  },
  watchNamespace: {
    flag: 'watch-namespace',
    env: 'FJORD_SECRETS_WATCH_NAMESPACE',
    type: 'string',
    default: '',
    description: 'Only unseal SealedSecrets in this namespace; empty watches all namespaces.',
  },
  workers: { flag: 'workers', env: 'FJORD_SECRETS_WORKERS', type: 'number', default: 4, description: 'SealedSecrets unsealed in parallel.' },
} as const;
