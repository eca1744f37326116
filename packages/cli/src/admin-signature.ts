import { SignatureV4 } from '@smithy/signature-v4';
import type { Sqs } from './sqs-client.js';

/**
 * SigV4 headers for an admin GET, made by the AWS SDK's own signer with the SQS client's
 * credentials and hash, so the admin API sees exactly what SQS calls send.
 */
export async function signedAdminHeaders(
  sqs: Sqs,
  endpoint: string,
  path: string,
  region: string,
): Promise<Record<string, string>> {
  const url = new URL(`${endpoint}${path}`);
  const signer = new SignatureV4({
    credentials: sqs.client.config.credentials,
    region,
    service: 'sqs',
    sha256: sqs.client.config.sha256,
  });
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signed = await signer.sign({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: url.pathname,
    query,
    headers: { host: url.host },
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name !== 'host') headers[name] = String(value);
  }
  return headers;
}
