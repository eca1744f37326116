import type {
  BatchResultErrorEntry,
  DeleteMessageBatchInput,
  DeleteMessageBatchOutput,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { checkDeleteOutcome } from '../messages/receipt-outcome.js';
import { batchFailure } from '../messages/batch-failure.js';

/** DeleteMessageBatch: each entry succeeds or fails on its own. */
export async function deleteMessageBatch(
  context: RequestContext,
  input: DeleteMessageBatchInput,
): Promise<DeleteMessageBatchOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const outcomes = await context.services.partition.deleteMessages(
    queue.id,
    input.Entries.map((entry) => entry.ReceiptHandle),
  );
  const successful: { Id: string }[] = [];
  const failed: BatchResultErrorEntry[] = [];
  input.Entries.forEach((entry, index) => {
    try {
      checkDeleteOutcome(outcomes[index] ?? 'invalidReceipt', entry.ReceiptHandle);
      successful.push({ Id: entry.Id });
    } catch (error) {
      failed.push(batchFailure(entry.Id, error));
    }
  });
  return { Successful: successful, Failed: failed };
}
