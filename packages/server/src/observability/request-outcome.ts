import type { SqsAction } from '@sluice/protocol';
import type { MetadataStore, QueueRecord } from '../metadata/metadata-store.js';
import type { QueueActivity } from './queue-activity.js';
import { queueAddressOf } from '../queues/queue-directory.js';

/** One finished SQS request, as the endpoint saw it. */
export interface FinishedRequest {
  /** Undefined when the request could not be parsed far enough to know its action. */
  readonly action: SqsAction | undefined;
  readonly input: unknown;
  readonly output: unknown;
  /** The SQS error code when the request failed. */
  readonly errorCode: string | undefined;
  readonly queueUrlFromPath: string | undefined;
}

interface Entries {
  readonly Successful?: readonly unknown[];
  readonly Failed?: readonly unknown[];
}

/**
 * Counts a finished request against its queue: sends, receives and deletes on success; batch
 * entries that failed and requests refused by validation as rejected; ThrottlingException as
 * throttled. Requests naming no existing queue count nowhere (no label for made-up names).
 */
export function countRequestActivity(
  metadata: MetadataStore,
  activity: QueueActivity,
  request: FinishedRequest,
): void {
  const queue = queueOf(metadata, request);
  if (queue === undefined) return;
  if (request.errorCode !== undefined) {
    activity.add(
      queue.id,
      request.errorCode === 'ThrottlingException' ? 'throttled' : 'rejected',
      1,
    );
    return;
  }
  const output = request.output as Entries & { readonly Messages?: readonly unknown[] };
  const action = request.action;
  if (action === 'SendMessage') activity.add(queue.id, 'sent', 1);
  else if (action === 'DeleteMessage') activity.add(queue.id, 'deleted', 1);
  else if (action === 'ReceiveMessage') {
    activity.add(queue.id, 'received', output.Messages?.length ?? 0);
  } else if (action === 'SendMessageBatch' || action === 'DeleteMessageBatch') {
    const kind = action === 'SendMessageBatch' ? 'sent' : 'deleted';
    activity.add(queue.id, kind, output.Successful?.length ?? 0);
    activity.add(queue.id, 'rejected', output.Failed?.length ?? 0);
  }
}

function queueOf(metadata: MetadataStore, request: FinishedRequest): QueueRecord | undefined {
  const input = request.input as { readonly QueueUrl?: unknown } | undefined;
  const target = typeof input?.QueueUrl === 'string' ? input.QueueUrl : request.queueUrlFromPath;
  if (target === undefined) return undefined;
  const address = queueAddressOf(target);
  return address === undefined ? undefined : metadata.getQueue(address.accountId, address.name);
}
