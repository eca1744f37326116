/** The 23 actions of the SQS API, version 2012-11-05 (botocore's service-2.json). */
export const sqsActions = [
  'AddPermission',
  'CancelMessageMoveTask',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'CreateQueue',
  'DeleteMessage',
  'DeleteMessageBatch',
  'DeleteQueue',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'ListMessageMoveTasks',
  'ListQueueTags',
  'ListQueues',
  'PurgeQueue',
  'ReceiveMessage',
  'RemovePermission',
  'SendMessage',
  'SendMessageBatch',
  'SetQueueAttributes',
  'StartMessageMoveTask',
  'TagQueue',
  'UntagQueue',
] as const;

export type SqsAction = (typeof sqsActions)[number];

export const sqsApiVersion = '2012-11-05';

/** The XML namespace of every Query protocol response. */
export const sqsXmlNamespace = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** The JSON protocol's X-Amz-Target prefix: `AmazonSQS.<Action>`. */
export const jsonTargetPrefix = 'AmazonSQS.';

const actionSet: ReadonlySet<string> = new Set(sqsActions);

export function isSqsAction(name: string): name is SqsAction {
  return actionSet.has(name);
}
