import { CommandError, UsageError } from './cli-errors.js';
import type { Sqs } from './sqs-client.js';

/** QUEUE arguments are a queue name or a full queue URL. */
export function isQueueUrl(queue: string): boolean {
  return /^https?:\/\//i.test(queue);
}

/** The queue's URL: given as is, or looked up by name with GetQueueUrl. */
export async function resolveQueueUrl({ sdk, client }: Sqs, queue: string): Promise<string> {
  if (isQueueUrl(queue)) return queue;
  const { QueueUrl } = await client.send(new sdk.GetQueueUrlCommand({ QueueName: queue }));
  if (QueueUrl === undefined)
    throw new CommandError(`the server returned no URL for queue "${queue}"`);
  return QueueUrl;
}

/**
 * The account and name a queue URL's path holds (`/000000000000/orders`), or for a plain name
 * the given account: what the admin API addresses queues by.
 */
export function queueAddress(
  queue: string,
  accountIdDefault: string,
): { accountId: string; name: string } {
  if (!isQueueUrl(queue)) return { accountId: accountIdDefault, name: queue };
  const segments = new URL(queue).pathname.split('/').filter((segment) => segment !== '');
  const [accountId, name] = segments.slice(-2);
  if (segments.length < 2 || accountId === undefined || name === undefined) {
    throw new UsageError(`"${queue}" is not a queue URL like http://host:9324/000000000000/name`);
  }
  return { accountId: decodeURIComponent(accountId), name: decodeURIComponent(name) };
}
