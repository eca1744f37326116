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
 */
export function withFallbackCredentials(
  defaultChain: CredentialProvider,
  environment: NodeJS.ProcessEnv,
): CredentialProvider {
  return async (properties) => {
    try {
      return await defaultChain(properties);
    } catch {
      return fallbackCredentials(environment);
    }
  };
}

/** `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` each when set (non-empty), else "sluice". */
export function fallbackCredentials(environment: NodeJS.ProcessEnv): Credentials {
  return {
    accessKeyId: environmentValue(environment, 'AWS_ACCESS_KEY_ID') ?? 'sluice',
    secretAccessKey: environmentValue(environment, 'AWS_SECRET_ACCESS_KEY') ?? 'sluice',
  };
}
