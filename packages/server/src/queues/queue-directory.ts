import { SqsError, parseQueueArn } from '@sluice/protocol';
import type { QueueRecord } from '../metadata/metadata-store.js';
import type { RequestContext } from '../services.js';
import { queueArn } from './queue-attributes.js';

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
  const path = pathOf(target);
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length !== 2) throw new SqsError('QueueDoesNotExist');
  const [accountId, name] = parts as [string, string];
  const record = context.services.metadata.getQueue(accountId, decodeURIComponentSafe(name));
  if (record === undefined) throw new SqsError('QueueDoesNotExist');
  return record;
}

export function resolveQueueArn(context: RequestContext, arn: string): QueueRecord | undefined {
  const parts = parseQueueArn(arn);
  if (parts === undefined || parts.region !== context.services.region) return undefined;
  return context.services.metadata.getQueue(parts.accountId, parts.queueName);
}

function pathOf(target: string): string {
  if (target.startsWith('/')) return target;
  try {
    return new URL(target).pathname;
  } catch {
    // Not a URL at all: SQS answers that the queue does not exist.
    throw new SqsError('QueueDoesNotExist');
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
