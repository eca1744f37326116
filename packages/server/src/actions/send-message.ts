import { SqsError, type SendMessageInput, type SendMessageOutput } from '@sluice/protocol';
import { queueFull } from '../messages/queue-full.js';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { prepareSend } from '../messages/prepare-send.js';

/** SendMessage: answered once the message is durable (fsynced). */
export async function sendMessage(
  context: RequestContext,
  input: SendMessageInput,
): Promise<SendMessageOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const prepared = prepareSend(queue, input, context.services.sealer);
  const { frontEnd, partition } = context.services;
  frontEnd.backPressure.check(
    queue.id,
    queue.name,
    partition.counters(queue.id),
    1,
    prepared.request.bodyBytes,
  );
  const [result] = await context.services.partition.send(queue.id, [prepared.request]);
  if (result === undefined) throw new SqsError('InternalError');
  if (result.kind === 'full') throw queueFull(queue.name);
  const output: SendMessageOutput = {
    MD5OfMessageBody: prepared.md5OfBody,
    MessageId: result.messageId,
  };
  if (prepared.md5OfAttributes !== undefined)
    output.MD5OfMessageAttributes = prepared.md5OfAttributes;
  if (prepared.md5OfSystemAttributes !== undefined) {
    output.MD5OfMessageSystemAttributes = prepared.md5OfSystemAttributes;
  }
  // The partition reports a SequenceNumber for FIFO queues only, as SQS answers.
  if (result.sequenceNumber !== undefined) output.SequenceNumber = result.sequenceNumber;
  return output;
}
