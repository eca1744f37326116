import {
  SqsError,
  type ListMessageMoveTasksInput,
  type ListMessageMoveTasksOutput,
  type ListMessageMoveTasksResultEntry,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { arnOf, resolveQueueArn } from '../queues/queue-directory.js';

/** ListMessageMoveTasks: the most recent tasks of a source queue, newest first (default 1, max 10). */
export function listMessageMoveTasks(
  context: RequestContext,
  input: ListMessageMoveTasksInput,
): ListMessageMoveTasksOutput {
  const { metadata } = context.services;
  const source = resolveQueueArn(context, input.SourceArn);
  if (source === undefined || source.accountId !== context.accountId) {
    throw new SqsError(
      'ResourceNotFoundException',
      "The resource that you specified for the SourceArn parameter doesn't exist.",
    );
  }
  const tasks = [...metadata.listMoveTasks(source.id)]
    .sort((left, right) => right.startedAtMs - left.startedAtMs)
    .slice(0, input.MaxResults ?? 1);
  const results = tasks.map((task): ListMessageMoveTasksResultEntry => {
    const destination =
      task.destinationQueueId === undefined
        ? undefined
        : metadata.getQueueById(task.destinationQueueId);
    const entry: ListMessageMoveTasksResultEntry = {
      Status: task.status,
      SourceArn: arnOf(context, source),
      ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved,
      ApproximateNumberOfMessagesToMove: task.approximateNumberOfMessagesToMove,
      StartedTimestamp: task.startedAtMs,
    };
    // SQS gives a TaskHandle only for running tasks.
    if (task.status === 'RUNNING') entry.TaskHandle = task.taskHandle;
    if (destination !== undefined) entry.DestinationArn = arnOf(context, destination);
    if (task.maxMessagesPerSecond !== undefined)
      entry.MaxNumberOfMessagesPerSecond = task.maxMessagesPerSecond;
    if (task.failureReason !== undefined) entry.FailureReason = task.failureReason;
    return entry;
  });
  return { Results: results };
}
