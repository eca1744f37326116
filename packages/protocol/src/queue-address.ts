/**
 * Queue URLs and ARNs. Sluice's queue URLs are `<endpoint>/<account>/<name>`, as SQS's are, and a
 * client may address a queue through any host name that reaches us (`localhost`, `127.0.0.1`,
 * `sqs.us-east-1.amazonaws.com`, a load balancer), so parsing looks only at the path.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError } from './errors.js';
import { isValidQueueNameSyntax } from './validate-queue-name.js';

export interface QueueAddress {
  readonly accountId: string;
  readonly queueName: string;
}

export interface QueueArn extends QueueAddress {
  readonly partition: string;
  readonly region: string;
}

/** `http://host:port/<account>/<name>` from an endpoint such as `http://127.0.0.1:9324`. */
export function buildQueueUrl(endpoint: string, accountId: string, queueName: string): string {
  const base = endpoint.endsWith('/') ? endpoint.slice(0, -1) : endpoint;
  return `${base}/${accountId}/${queueName}`;
}

export function buildQueueArn(
  region: string,
  accountId: string,
  queueName: string,
  partition = 'aws',
): string {
  return `arn:${partition}:sqs:${region}:${accountId}:${queueName}`;
}

/**
 * The account and queue named by a queue URL from any host, or by a bare path `/<account>/<name>`.
 * Throws InvalidAddress (as SQS does for a URL that cannot name a queue).
 */
export function parseQueueUrl(queueUrl: string): QueueAddress {
  const address = tryParseQueueUrl(queueUrl);
  if (address === undefined) {
    throw new SqsError('InvalidAddress', `The address ${queueUrl} is not valid for this endpoint.`);
  }
  return address;
}

export function tryParseQueueUrl(queueUrl: string): QueueAddress | undefined {
  const path = urlPath(queueUrl);
  const end = path.endsWith('/') ? path.length - 1 : path.length;
  const nameStart = path.lastIndexOf('/', end - 1) + 1;
  if (nameStart <= 0) return undefined;
  const accountStart = path.lastIndexOf('/', nameStart - 2) + 1;
  const accountId = path.slice(accountStart, nameStart - 1);
  const queueName = path.slice(nameStart, end);
  return isAccountId(accountId) && isValidQueueNameSyntax(queueName)
    ? { accountId, queueName }
    : undefined;
}

/** The path of an absolute URL (scheme optional), without query string or fragment. */
function urlPath(url: string): string {
  const schemeEnd = url.indexOf('://');
  const hostStart = schemeEnd === -1 ? 0 : schemeEnd + 3;
  const pathStart = url.startsWith('/') ? 0 : url.indexOf('/', hostStart);
  if (pathStart === -1) return '';
  let pathEnd = url.length;
  for (const terminator of ['?', '#']) {
    const index = url.indexOf(terminator, pathStart);
    if (index !== -1 && index < pathEnd) pathEnd = index;
  }
  return url.slice(pathStart, pathEnd);
}

/** `arn:<partition>:sqs:<region>:<account>:<name>`, or undefined if `arn` is not a queue ARN. */
export function parseQueueArn(arn: string): QueueArn | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6) return undefined;
  const [prefix, partition, service, region, accountId, queueName] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (prefix !== 'arn' || partition === '' || service !== 'sqs' || region === '') return undefined;
  if (!isAccountId(accountId) || !isValidQueueNameSyntax(queueName)) return undefined;
  return { partition, region, accountId, queueName };
}

export function isAccountId(text: string): boolean {
  if (text.length !== sqsLimits.accountIdLength) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}
