import type { ChangeMessageVisibilityInput, EmptyOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { checkVisibilityOutcome } from '../messages/receipt-outcome.js';

/** ChangeMessageVisibility: a new timeout counted from now; 0 makes the message visible at once. */
export async function changeMessageVisibility(
  context: RequestContext,
  input: ChangeMessageVisibilityInput,
): Promise<EmptyOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const outcome = await context.services.partition.changeVisibility(
    queue.id,
    input.ReceiptHandle,
    input.VisibilityTimeout * 1000,
  );
  checkVisibilityOutcome(outcome, input.ReceiptHandle);
  if (input.VisibilityTimeout === 0) context.services.waiters.notify(queue.id);
  return {};
}
