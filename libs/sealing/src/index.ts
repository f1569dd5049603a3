export {
  SEALED_SECRET_API_VERSION,
  SEALED_SECRET_KIND,
  type KubeResource,
  type ObjectMeta,
  type OwnerReference,
  type Secret,
  type SecretTemplateSpec,
  type SealedSecret,
  type SealedSecretCondition,
  type SealedSecretStatus,
} from './types';
export { SealingError, SealingErrorReason, combineItemErrors, redactValues, type ItemError } from './errors';
export { SealingScope, SEALING_SCOPES, SealedSecretsAnnotation, parseScope, scopeOf, encryptionLabel, labelFor, withScopeAnnotations } from './scope';
export { decodeStdBase64, encodeStdBase64 } from './base64';
export { hybridEncrypt, hybridDecrypt, NO_KEY_COULD_DECRYPT } from './hybrid';
export { selfSignedCertificate, parseCertificate, assertNotExpired, type SealingCertificate, type SelfSignedCertificateOptions } from './certificate';
export {
  generateSealingKey,
  parsePrivateKey,
  sealingKeyFromPem,
  privateKeyPem,
  keyFingerprint,
  DEFAULT_KEY_BITS,
  DEFAULT_CERT_TTL_MS,
  type SealingKey,
  type GenerateKeyOptions,
} from './keys';
export { sealSecret, sealRawValue, prepareSecretMetadata, mergeSealedSecrets, type SealOptions } from './seal';
export { unsealSecret, type UnsealOptions } from './unseal';
export { checkSealedSecretShape, decodeCiphertextField } from './sealed-secret-shape';
export { renderTemplateData } from './template-data';
export { reencryptSealedSecret, verifySealedSecret, redactSecret, type VerifyResult } from './reencrypt';
export { nextSealedSecretStatus, SYNCED_CONDITION, SyncReason, type SyncOutcome } from './status';
export { planSecretWrite, isControlledBy, SecretWriteAction, type SecretWritePlan } from './secret-write';
export {
  KEY_LABEL,
  KEY_LABEL_ACTIVE,
  KEY_SELECTOR,
  DEFAULT_KEY_PREFIX,
  TLS_SECRET_TYPE,
  keySecretManifest,
  sealingKeyFromSecret,
  privateKeysFromBackup,
  type KeySecretOptions,
} from './key-secret';
export { KeyRegistry, nextRenewalAt, type RegisteredKey } from './key-registry';
export { KeyOrderPriority, keyOrderingTime } from './key-order';
export { OutputFormat, parseOutputFormat, parseObjects, parseSingleObject, formatObject } from './manifest';
