import type { SQSClientConfig } from '@aws-sdk/client-sqs';
import { environmentValue } from './environment.js';

/** The SDK's credential types, named through client-sqs (their home packages are not ours). */
export type CredentialProvider = ReturnType<
  NonNullable<SQSClientConfig['credentialDefaultProvider']>
>;
export type Credentials = Awaited<ReturnType<CredentialProvider>>;

/**
 * Credentials for a local Sluice: the SDK's default chain first (a real server may check
 * signatures), and when it finds nothing, fixed dummy keys so a laptop setup works untouched.
 *
 * The chain runs once at a time, and never again once it has found nothing. The SDK remembers
 * credentials it was given until they expire, but not a failure: before, every request ran the
 * whole chain again, instance metadata included (two connections to 169.254.169.254 a
 * request), which held `sluice bench` near 1,100 sends a second.
 */
export function withFallbackCredentials(
  defaultChain: CredentialProvider,
  environment: NodeJS.ProcessEnv,
): CredentialProvider {
  let fallback: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  return (properties) => {
    if (fallback !== undefined) return Promise.resolve(fallback);
    // Through a promise from the start, so a chain that throws at once also falls back.
    pending ??= Promise.resolve(properties)
      .then(defaultChain)
      .then(
        (found) => {
          pending = undefined;
          return found;
        },
        () => {
          pending = undefined;
          fallback = fallbackCredentials(environment);
          return fallback;
        },
      );
    return pending;
  };
}

/** `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` each when set (non-empty), else "sluice". */
export function fallbackCredentials(environment: NodeJS.ProcessEnv): Credentials {
  return {
    accessKeyId: environmentValue(environment, 'AWS_ACCESS_KEY_ID') ?? 'sluice',
    secretAccessKey: environmentValue(environment, 'AWS_SECRET_ACCESS_KEY') ?? 'sluice',
  };
}
