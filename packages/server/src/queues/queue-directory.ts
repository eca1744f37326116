import { SqsError, parseQueueArn } from '@sluice/protocol';
import type { QueueRecord } from '../metadata/metadata-store.js';
import type { RequestContext } from '../services.js';
import { queueArn } from './queue-attributes.js';
import { serverLimits } from '../server-limits.js';

/** The URL of a queue as the client reached us: `http://host:port/<account>/<name>`. */
export function queueUrl(context: RequestContext, record: QueueRecord): string {
  return `${context.baseUrl}/${record.accountId}/${record.name}`;
}

export function arnOf(context: RequestContext, record: QueueRecord): string {
  return queueArn(context.services.region, record);
}

/**
 * Finds the queue a request names. Any host is accepted (clients use localhost, 127.0.0.1, a
 * load balancer, or even an AWS-looking host name); the path decides: `/<account>/<name>`.
 */
export function resolveQueue(context: RequestContext, url: string | undefined): QueueRecord {
  const target = url ?? context.queueUrlFromPath;
  if (target === undefined || target === '') {
    throw new SqsError('MissingParameter', 'The request must contain the parameter QueueUrl.');
  }
  const address = queueAddressOf(target);
  if (address === undefined) throw new SqsError('QueueDoesNotExist');
  const record = context.services.metadata.getQueue(address.accountId, address.name);
  if (record === undefined) throw new SqsError('QueueDoesNotExist');
  return record;
}

export interface QueueAddress {
  readonly accountId: string;
  readonly name: string;
}

/**
 * Recently seen queue URLs, parsed: clients send the same few URLs over and over, and parsing
 * one with WHATWG URL cost about 3% of a SendMessage. Cleared whenever it fills up; URLs over
 * the length bound are parsed every time.
 */
const addressCache = new Map<string, QueueAddress | undefined>();

/** How many parsed queue URLs are cached now (for the bound's test). */
export function queueAddressCacheSize(): number {
  return addressCache.size;
}

/** The account and name a queue URL (or `/account/name` path) names, if it has that shape. */
export function queueAddressOf(target: string): QueueAddress | undefined {
  if (target.length > serverLimits.queueAddressCacheUrlLengthMax) return parseQueueAddress(target);
  const cached = addressCache.get(target);
  if (cached !== undefined || addressCache.has(target)) return cached;
  const address = parseQueueAddress(target);
  if (addressCache.size >= serverLimits.queueAddressCacheCountMax) addressCache.clear();
  addressCache.set(target, address);
  return address;
}

function parseQueueAddress(target: string): QueueAddress | undefined {
  let path = target;
  if (!target.startsWith('/')) {
    try {
      path = new URL(target).pathname;
    } catch {
      // Not a URL at all: SQS answers that the queue does not exist.
      return undefined;
    }
  }
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length !== 2) return undefined;
  const [accountId, name] = parts as [string, string];
  return { accountId, name: decodeURIComponentSafe(name) };
}

export function resolveQueueArn(context: RequestContext, arn: string): QueueRecord | undefined {
  const parts = parseQueueArn(arn);
  if (parts === undefined || parts.region !== context.services.region) return undefined;
  return context.services.metadata.getQueue(parts.accountId, parts.queueName);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
