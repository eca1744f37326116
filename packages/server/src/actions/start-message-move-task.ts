import {
  SqsError,
  type StartMessageMoveTaskInput,
  type StartMessageMoveTaskOutput,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { arnOf, resolveQueueArn } from '../queues/queue-directory.js';
import { storedRedrivePolicy } from '../queues/queue-attributes.js';

/**
 * StartMessageMoveTask: redrives a dead-letter queue, to DestinationArn or (without it) back to
 * each message's source queue. The source must be some queue's dead-letter queue, and a queue
 * runs one task at a time.
 */
export async function startMessageMoveTask(
  context: RequestContext,
  input: StartMessageMoveTaskInput,
): Promise<StartMessageMoveTaskOutput> {
  const { metadata, partition, moveTasks, clock } = context.services;
  const source = resolveQueueArn(context, input.SourceArn);
  if (source === undefined || source.accountId !== context.accountId) {
    throw new SqsError(
      'ResourceNotFoundException',
      "The resource that you specified for the SourceArn parameter doesn't exist.",
    );
  }
  const sourceArn = arnOf(context, source);
  const isDeadLetterQueue = metadata
    .listQueues()
    .some(
      (queue) =>
        storedRedrivePolicy(queue.attributes['RedrivePolicy'])?.deadLetterTargetArn === sourceArn,
    );
  if (!isDeadLetterQueue) {
    throw new SqsError(
      'InvalidParameterValue',
      'Source queue must be configured as a Dead Letter Queue.',
    );
  }
  let destinationQueueId: number | undefined;
  if (input.DestinationArn !== undefined) {
    const destination = resolveQueueArn(context, input.DestinationArn);
    if (destination === undefined) {
      throw new SqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
      );
    }
    if (destination.fifo !== source.fifo) {
      throw new SqsError(
        'InvalidParameterValue',
        'The source and destination queues must be of the same type.',
      );
    }
    destinationQueueId = destination.id;
  }
  if (
    metadata
      .listMoveTasks(source.id)
      .some((task) => task.status === 'RUNNING' || task.status === 'CANCELLING')
  ) {
    throw new SqsError(
      'UnsupportedOperation',
      'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    );
  }
  const counters = partition.counters(source.id);
  const task = await moveTasks.start({
    sourceQueueId: source.id,
    destinationQueueId,
    maxMessagesPerSecond: input.MaxNumberOfMessagesPerSecond,
    startedAtMs: clock.nowMs(),
    approximateNumberOfMessagesToMove: counters.visible + counters.inflight + counters.delayed,
  });
  return { TaskHandle: task.taskHandle };
}
