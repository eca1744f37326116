import type { SqsAction, SqsInputs, SqsOutputs } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { addPermission } from './add-permission.js';
import { cancelMessageMoveTask } from './cancel-message-move-task.js';
import { changeMessageVisibility } from './change-message-visibility.js';
import { changeMessageVisibilityBatch } from './change-message-visibility-batch.js';
import { createQueue } from './create-queue.js';
import { deleteMessage } from './delete-message.js';
import { deleteMessageBatch } from './delete-message-batch.js';
import { deleteQueue } from './delete-queue.js';
import { getQueueAttributes } from './get-queue-attributes.js';
import { getQueueUrl } from './get-queue-url.js';
import { listDeadLetterSourceQueues } from './list-dead-letter-source-queues.js';
import { listMessageMoveTasks } from './list-message-move-tasks.js';
import { listQueueTags } from './list-queue-tags.js';
import { listQueues } from './list-queues.js';
import { purgeQueue } from './purge-queue.js';
import { receiveMessage } from './receive-message.js';
import { removePermission } from './remove-permission.js';
import { sendMessage } from './send-message.js';
import { sendMessageBatch } from './send-message-batch.js';
import { setQueueAttributes } from './set-queue-attributes.js';
import { startMessageMoveTask } from './start-message-move-task.js';
import { tagQueue } from './tag-queue.js';
import { untagQueue } from './untag-queue.js';

type Handler<Action extends SqsAction> = (
  context: RequestContext,
  input: SqsInputs[Action],
) => Promise<SqsOutputs[Action]> | SqsOutputs[Action];

/** One handler per SQS action (one file each, as Redpanda has one handler per Kafka API). */
export const actionHandlers: { readonly [Action in SqsAction]: Handler<Action> } = {
  AddPermission: addPermission,
  CancelMessageMoveTask: cancelMessageMoveTask,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  CreateQueue: createQueue,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  DeleteQueue: deleteQueue,
  GetQueueAttributes: getQueueAttributes,
  GetQueueUrl: getQueueUrl,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  ListMessageMoveTasks: listMessageMoveTasks,
  ListQueueTags: listQueueTags,
  ListQueues: listQueues,
  PurgeQueue: purgeQueue,
  ReceiveMessage: receiveMessage,
  RemovePermission: removePermission,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  SetQueueAttributes: setQueueAttributes,
  StartMessageMoveTask: startMessageMoveTask,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
};

export async function dispatch<Action extends SqsAction>(
  context: RequestContext,
  action: Action,
  input: SqsInputs[Action],
): Promise<SqsOutputs[Action]> {
  const handler = actionHandlers[action] as Handler<Action>;
  return handler(context, input);
}
