import type { Clock } from '@sluice/core';
import type { Credentials } from './credentials.js';
import type { Principal } from './principal.js';
import { SigV4Verifier, type SignedRequest } from './sigv4-verifier.js';

/**
 * Turns a request into its principal. With credentials configured every request must carry a
 * valid SigV4 signature from one of their keys; without them (loopback only, or --insecure) every
 * request acts as the configured account with every right, as before authentication existed.
 */
export class Authenticator {
  readonly #verifier: SigV4Verifier | undefined;
  readonly #anonymous: Principal;

  constructor(options: {
    credentials: Credentials | undefined;
    region: string;
    clock: Clock;
    defaultAccountId: string;
  }) {
    this.#verifier =
      options.credentials === undefined
        ? undefined
        : new SigV4Verifier({
            credentials: options.credentials,
            region: options.region,
            clock: options.clock,
          });
    this.#anonymous = { accountId: options.defaultAccountId, accessKeyId: undefined, admin: true };
  }

  /** Whether requests are authenticated and authorized at all. */
  /** The caller of every request when no credentials are configured. */
  get anonymous(): Principal {
    return this.#anonymous;
  }

  get enabled(): boolean {
    return this.#verifier !== undefined;
  }

  /** The request's principal; throws the SqsError AWS answers a bad signature with. */
  authenticate(request: SignedRequest): Principal {
    if (this.#verifier === undefined) return this.#anonymous;
    const key = this.#verifier.verify(request);
    return { accountId: key.accountId, accessKeyId: key.accessKeyId, admin: key.admin };
  }
}
