import {
  parseSingleObject,
  reencryptSealedSecret,
  sealSecret,
  SealingError,
  SealingErrorReason,
  SEALED_SECRET_KIND,
  verifySealedSecret,
  type SealedSecret,
  type SealingScope,
  type Secret,
  type VerifyResult,
} from '@fjord/sealing';
import type { KeyRegistry } from '@fjord/sealing';

/**
 * The operations the service offers over both HTTP (upstream's /v1 paths) and gRPC: the certificate, seal,
 * verify, and re-encrypt with the latest key. Inputs are JSON or YAML text; errors are SealingErrors without values.
 */
export class SealingOperations {
  constructor(
    private readonly registry: KeyRegistry,
    private readonly options: { acceptDeprecatedV1Data: boolean },
  ) {}

  private latest() {
    const latest = this.registry.latest();
    if (!latest) throw new SealingError(SealingErrorReason.NoKey, 'cannot get certificate: no sealing key yet');
    return latest.key;
  }

  /** The PEM certificate of the latest key. */
  certificatePem(): string {
    return this.latest().certificatePem;
  }

  /** Seals a Secret with the latest key. */
  seal(secretText: string, scope?: SealingScope): SealedSecret {
    const secret = parseSingleObject<Secret>(secretText, 'Secret');
    return sealSecret(secret, this.latest().publicKey, { scope });
  }

  /** Checks that a SealedSecret unseals with one of the keys. */
  verify(sealedText: string): VerifyResult {
    return verifySealedSecret(parseSingleObject<SealedSecret>(sealedText, SEALED_SECRET_KIND), this.registry.privateKeys(), this.options);
  }

  /** Re-encrypts a SealedSecret with the latest key. */
  rotate(sealedText: string): SealedSecret {
    const sealed = parseSingleObject<SealedSecret>(sealedText, SEALED_SECRET_KIND);
    return reencryptSealedSecret(sealed, this.registry.privateKeys(), this.latest().publicKey);
  }
}
