import type * as SqsSdk from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { cliLimits } from '@sluice/core';
import { type CredentialProvider, withFallbackCredentials } from './credentials.js';

export interface SqsClientOptions {
  endpoint: string;
  region: string;
  environment: NodeJS.ProcessEnv;
}

/**
 * The SDK module and a client made from it. The SDK is imported only when a command first needs
 * it: loading it takes longer than anything else the CLI does, and help, version, serve, peek and
 * status never use it.
 */
export interface Sqs {
  sdk: typeof SqsSdk;
  client: SQSClient;
}

export async function connectSqs(options: SqsClientOptions): Promise<Sqs> {
  const sdk = await import('@aws-sdk/client-sqs');
  return { sdk, client: createSqsClient(sdk, options) };
}

/**
 * An SQS client for one command: fixed endpoint (the SDK never redirects to a QueueUrl's host),
 * bounded connect and request times, and credentials that fall back to dummies.
 */
function createSqsClient(sdk: typeof SqsSdk, options: SqsClientOptions): SQSClient {
  // The SDK warns on stderr under Node < 22; Node 20 is supported here and stderr is for errors.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const defaultChain = sdkDefaultCredentialChain(sdk, options.region);
  return new sdk.SQSClient({
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
function sdkDefaultCredentialChain(
  sdk: typeof SqsSdk,
  region: string,
): (input: unknown) => CredentialProvider {
  const probe = new sdk.SQSClient({ region });
  const factory = probe.config.credentialDefaultProvider as (input: unknown) => CredentialProvider;
  probe.destroy();
  return factory;
}
