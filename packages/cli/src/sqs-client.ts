import { SQSClient } from '@aws-sdk/client-sqs';
import { cliLimits } from '@sluice/core';
import { type CredentialProvider, withFallbackCredentials } from './credentials.js';

export interface SqsClientOptions {
  endpoint: string;
  region: string;
  environment: NodeJS.ProcessEnv;
}

/**
 * An SQS client for one command: fixed endpoint (the SDK never redirects to a QueueUrl's host),
 * bounded connect and request times, and credentials that fall back to dummies.
 */
export function createSqsClient(options: SqsClientOptions): SQSClient {
  // The SDK warns on stderr under Node < 22; Node 20 is supported here and stderr is for errors.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const defaultChain = sdkDefaultCredentialChain(options.region);
  return new SQSClient({
    endpoint: options.endpoint,
    region: options.region,
    maxAttempts: cliLimits.requestAttemptCountMax,
    requestHandler: {
      connectionTimeout: cliLimits.connectTimeoutMs,
      requestTimeout: cliLimits.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    credentialDefaultProvider: (input: unknown) =>
      withFallbackCredentials(defaultChain(input), options.environment),
  });
}

/**
 * The SDK's own default-chain factory (environment, profile, SSO, process, web identity,
 * instance metadata), taken from a client's resolved configuration because its package
 * (@aws-sdk/credential-provider-node) is not a direct dependency of this one.
 */
function sdkDefaultCredentialChain(region: string): (input: unknown) => CredentialProvider {
  const probe = new SQSClient({ region });
  const factory = probe.config.credentialDefaultProvider as (input: unknown) => CredentialProvider;
  probe.destroy();
  return factory;
}
