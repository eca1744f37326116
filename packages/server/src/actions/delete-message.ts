import type { DeleteMessageInput, EmptyOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { checkDeleteOutcome } from '../messages/receipt-outcome.js';

/** DeleteMessage by receipt handle. */
export async function deleteMessage(
  context: RequestContext,
  input: DeleteMessageInput,
): Promise<EmptyOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const outcome = await context.services.partition.deleteMessage(queue.id, input.ReceiptHandle);
  checkDeleteOutcome(outcome, input.ReceiptHandle);
  return {};
}
