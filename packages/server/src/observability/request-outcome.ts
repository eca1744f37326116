import type { SqsAction } from '@sluice/protocol';
import type { MetadataStore, QueueRecord } from '../metadata/metadata-store.js';
import type { QueueActivity, QueueActivityKind } from './queue-activity.js';

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
  const succeeded = output.Successful?.length ?? 0;
  const failed = output.Failed?.length ?? 0;
  const counts: Partial<Record<SqsAction, [QueueActivityKind, number][]>> = {
    SendMessage: [['sent', 1]],
    SendMessageBatch: [
      ['sent', succeeded],
      ['rejected', failed],
    ],
    ReceiveMessage: [['received', output.Messages?.length ?? 0]],
    DeleteMessage: [['deleted', 1]],
    DeleteMessageBatch: [
      ['deleted', succeeded],
      ['rejected', failed],
    ],
  };
  if (request.action === undefined) return;
  for (const [kind, count] of counts[request.action] ?? []) activity.add(queue.id, kind, count);
}

function queueOf(metadata: MetadataStore, request: FinishedRequest): QueueRecord | undefined {
  const input = request.input as { readonly QueueUrl?: unknown } | undefined;
  const target = typeof input?.QueueUrl === 'string' ? input.QueueUrl : request.queueUrlFromPath;
  if (target === undefined) return undefined;
  let path = target;
  if (!target.startsWith('/')) {
    try {
      path = new URL(target).pathname;
    } catch {
      return undefined;
    }
  }
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length !== 2) return undefined;
  try {
    return metadata.getQueue(parts[0] as string, decodeURIComponent(parts[1] as string));
  } catch {
    return undefined;
  }
}
