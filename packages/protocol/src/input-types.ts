/**
 * The canonical input of every action: the JSON protocol's shape (member names exactly as in
 * botocore's SQS model), with blobs decoded to Buffers and numbers as numbers. Query requests are
 * normalized to the same shape, so the server handles one shape whatever the wire protocol.
 *
 * Maps are objects without a prototype (Object.create(null)), so a client-chosen key such as
 * `__proto__` is just a key.
 */

export type StringMap = Record<string, string>;

export interface MessageAttributeValue {
  StringValue?: string;
  BinaryValue?: Buffer;
  /** Reserved by SQS for future use; accepted by the parser, refused by validation. */
  StringListValues?: string[];
  BinaryListValues?: Buffer[];
  DataType: string;
}

export type MessageSystemAttributeValue = MessageAttributeValue;
export type MessageAttributeMap = Record<string, MessageAttributeValue>;
/** Only `AWSTraceHeader` is valid (MessageSystemAttributeNameForSends); validation enforces it. */
export type MessageSystemAttributeMapForSends = Record<string, MessageSystemAttributeValue>;

export interface AddPermissionInput {
  QueueUrl: string;
  Label: string;
  AWSAccountIds: string[];
  Actions: string[];
}

export interface CancelMessageMoveTaskInput {
  TaskHandle: string;
}

export interface ChangeMessageVisibilityInput {
  QueueUrl: string;
  ReceiptHandle: string;
  VisibilityTimeout: number;
}

export interface ChangeMessageVisibilityBatchRequestEntry {
  Id: string;
  ReceiptHandle: string;
  VisibilityTimeout?: number;
}

export interface ChangeMessageVisibilityBatchInput {
  QueueUrl: string;
  Entries: ChangeMessageVisibilityBatchRequestEntry[];
}

export interface CreateQueueInput {
  QueueName: string;
  Attributes?: StringMap;
  /** Lower-case in the model, unlike every other member. */
  tags?: StringMap;
}

export interface DeleteMessageInput {
  QueueUrl: string;
  ReceiptHandle: string;
}

export interface DeleteMessageBatchRequestEntry {
  Id: string;
  ReceiptHandle: string;
}

export interface DeleteMessageBatchInput {
  QueueUrl: string;
  Entries: DeleteMessageBatchRequestEntry[];
}

export interface DeleteQueueInput {
  QueueUrl: string;
}

export interface GetQueueAttributesInput {
  QueueUrl: string;
  AttributeNames?: string[];
}

export interface GetQueueUrlInput {
  QueueName: string;
  QueueOwnerAWSAccountId?: string;
}

export interface ListDeadLetterSourceQueuesInput {
  QueueUrl: string;
  NextToken?: string;
  MaxResults?: number;
}

export interface ListMessageMoveTasksInput {
  SourceArn: string;
  MaxResults?: number;
}

export interface ListQueueTagsInput {
  QueueUrl: string;
}

export interface ListQueuesInput {
  QueueNamePrefix?: string;
  NextToken?: string;
  MaxResults?: number;
}

export interface PurgeQueueInput {
  QueueUrl: string;
}

export interface ReceiveMessageInput {
  QueueUrl: string;
  /** Deprecated by SQS in favour of MessageSystemAttributeNames; both are honoured. */
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  ReceiveRequestAttemptId?: string;
}

export interface RemovePermissionInput {
  QueueUrl: string;
  Label: string;
}

export interface SendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageSystemAttributeMapForSends;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export interface SendMessageBatchRequestEntry {
  Id: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageSystemAttributeMapForSends;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export interface SendMessageBatchInput {
  QueueUrl: string;
  Entries: SendMessageBatchRequestEntry[];
}

export interface SetQueueAttributesInput {
  QueueUrl: string;
  Attributes: StringMap;
}

export interface StartMessageMoveTaskInput {
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
}

export interface TagQueueInput {
  QueueUrl: string;
  Tags: StringMap;
}

export interface UntagQueueInput {
  QueueUrl: string;
  TagKeys: string[];
}

/** The input type of each action. */
export interface SqsInputs {
  AddPermission: AddPermissionInput;
  CancelMessageMoveTask: CancelMessageMoveTaskInput;
  ChangeMessageVisibility: ChangeMessageVisibilityInput;
  ChangeMessageVisibilityBatch: ChangeMessageVisibilityBatchInput;
  CreateQueue: CreateQueueInput;
  DeleteMessage: DeleteMessageInput;
  DeleteMessageBatch: DeleteMessageBatchInput;
  DeleteQueue: DeleteQueueInput;
  GetQueueAttributes: GetQueueAttributesInput;
  GetQueueUrl: GetQueueUrlInput;
  ListDeadLetterSourceQueues: ListDeadLetterSourceQueuesInput;
  ListMessageMoveTasks: ListMessageMoveTasksInput;
  ListQueueTags: ListQueueTagsInput;
  ListQueues: ListQueuesInput;
  PurgeQueue: PurgeQueueInput;
  ReceiveMessage: ReceiveMessageInput;
  RemovePermission: RemovePermissionInput;
  SendMessage: SendMessageInput;
  SendMessageBatch: SendMessageBatchInput;
  SetQueueAttributes: SetQueueAttributesInput;
  StartMessageMoveTask: StartMessageMoveTaskInput;
  TagQueue: TagQueueInput;
  UntagQueue: UntagQueueInput;
}
