import {
  missingParameter,
  type BatchResultErrorEntry,
  type ChangeMessageVisibilityBatchInput,
  type ChangeMessageVisibilityBatchOutput,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { checkVisibilityOutcome } from '../messages/receipt-outcome.js';
import { batchFailure } from '../messages/batch-failure.js';

/** ChangeMessageVisibilityBatch: each entry succeeds or fails on its own. */
export async function changeMessageVisibilityBatch(
  context: RequestContext,
  input: ChangeMessageVisibilityBatchInput,
): Promise<ChangeMessageVisibilityBatchOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const successful: { Id: string }[] = [];
  const failed: BatchResultErrorEntry[] = [];
  let madeVisible = false;
  for (const entry of input.Entries) {
    try {
      const invalid = context.failedEntries.get(entry.Id);
      if (invalid !== undefined) throw invalid;
      if (entry.VisibilityTimeout === undefined) throw missingParameter('VisibilityTimeout');
      const outcome = await context.services.partition.changeVisibility(
        queue.id,
        entry.ReceiptHandle,
        entry.VisibilityTimeout * 1000,
      );
      checkVisibilityOutcome(outcome, entry.ReceiptHandle);
      madeVisible ||= entry.VisibilityTimeout === 0;
      successful.push({ Id: entry.Id });
    } catch (error) {
      failed.push(batchFailure(entry.Id, error));
    }
  }
  if (madeVisible) context.services.waiters.notify(queue.id);
  return { Successful: successful, Failed: failed };
}
