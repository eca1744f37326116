import { SqsError, type ReceiveMessageInput, type ReceiveMessageOutput } from '@sluice/protocol';
import type { ReceiveRequest } from '@sluice/partition';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { toSqsMessage, type AttributeSelection } from '../messages/received-message.js';

/**
 * ReceiveMessage. A short poll (WaitTimeSeconds 0) answers at once. A long poll answers as soon
 * as a message can be received, or empty when the wait ends or the client goes away.
 */
export async function receiveMessage(
  context: RequestContext,
  input: ReceiveMessageInput,
): Promise<ReceiveMessageOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const { partition, waiters, clock } = context.services;
  const waitSeconds =
    input.WaitTimeSeconds ?? Number(queue.attributes['ReceiveMessageWaitTimeSeconds'] ?? '0');
  const request: ReceiveRequest = {
    countMax: input.MaxNumberOfMessages ?? 1,
    ...(input.VisibilityTimeout === undefined
      ? {}
      : { visibilityTimeoutMs: input.VisibilityTimeout * 1000 }),
    ...(input.ReceiveRequestAttemptId === undefined || !queue.fifo
      ? {}
      : { receiveRequestAttemptId: input.ReceiveRequestAttemptId }),
  };
  const selection: AttributeSelection = {
    systemNames: [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])],
    messageAttributeNames: input.MessageAttributeNames ?? [],
  };
  const scheduleWake = (): void => {
    const wakeAtMs = partition.nextWakeAtMs(queue.id);
    if (wakeAtMs !== undefined) waiters.scheduleWake(queue.id, wakeAtMs, clock.nowMs());
  };
  const attempt = async (): Promise<ReceiveMessageOutput | undefined> => {
    if (!partition.hasQueue(queue.id)) return {};
    const result = await partition.receive(queue.id, request);
    if (result.messages.length === 0) {
      if (result.overLimit && waitSeconds === 0) {
        throw new SqsError('OverLimit', 'Too many messages in flight for this queue.');
      }
      scheduleWake();
      return undefined;
    }
    return {
      Messages: result.messages.map((message) =>
        toSqsMessage(context, queue.id, message, selection),
      ),
    };
  };
  const first = await attempt();
  if (first !== undefined) return first;
  if (waitSeconds === 0) return {};
  const waiting = waiters.wait(queue.id, waitSeconds * 1000, context.client, attempt);
  scheduleWake();
  return (await waiting) ?? {};
}
