import {
  SqsError,
  type CancelMessageMoveTaskInput,
  type CancelMessageMoveTaskOutput,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';

/** CancelMessageMoveTask: stops a RUNNING task; messages already moved stay moved. */
export async function cancelMessageMoveTask(
  context: RequestContext,
  input: CancelMessageMoveTaskInput,
): Promise<CancelMessageMoveTaskOutput> {
  const { metadata, moveTasks } = context.services;
  for (const queue of metadata.listQueues(context.accountId)) {
    const task = metadata
      .listMoveTasks(queue.id)
      .find((candidate) => candidate.taskHandle === input.TaskHandle);
    if (task === undefined) continue;
    if (task.status !== 'RUNNING') {
      throw new SqsError('UnsupportedOperation', 'Only active tasks can be cancelled.');
    }
    const cancelled = await moveTasks.cancel(task);
    return { ApproximateNumberOfMessagesMoved: cancelled.approximateNumberOfMessagesMoved };
  }
  throw new SqsError('ResourceNotFoundException', 'Task does not exist.');
}
