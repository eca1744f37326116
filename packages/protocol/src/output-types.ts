/**
 * The output of every action, in the JSON protocol's shape (member names exactly as in botocore's
 * SQS model). The serializer renders it as JSON or as Query XML. Binary values are Buffers.
 */
import type { MessageAttributeMap, StringMap } from './input-types.js';

/** Actions whose response carries no data. */
export type EmptyOutput = Record<string, never>;

export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}

export interface CancelMessageMoveTaskOutput {
  ApproximateNumberOfMessagesMoved?: number;
}

export interface ChangeMessageVisibilityBatchResultEntry {
  Id: string;
}

export interface ChangeMessageVisibilityBatchOutput {
  Successful: ChangeMessageVisibilityBatchResultEntry[];
  Failed: BatchResultErrorEntry[];
}

export interface CreateQueueOutput {
  QueueUrl?: string;
}

export interface DeleteMessageBatchResultEntry {
  Id: string;
}

export interface DeleteMessageBatchOutput {
  Successful: DeleteMessageBatchResultEntry[];
  Failed: BatchResultErrorEntry[];
}

export interface GetQueueAttributesOutput {
  Attributes?: StringMap;
}

export interface GetQueueUrlOutput {
  QueueUrl?: string;
}

export interface ListDeadLetterSourceQueuesOutput {
  /** Lower-case `queueUrls` in the model. */
  queueUrls: string[];
  NextToken?: string;
}

export interface ListMessageMoveTasksResultEntry {
  TaskHandle?: string;
  Status?: string;
  SourceArn?: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved?: number;
  ApproximateNumberOfMessagesToMove?: number;
  FailureReason?: string;
  StartedTimestamp?: number;
}

export interface ListMessageMoveTasksOutput {
  Results?: ListMessageMoveTasksResultEntry[];
}

export interface ListQueueTagsOutput {
  Tags?: StringMap;
}

export interface ListQueuesOutput {
  QueueUrls?: string[];
  NextToken?: string;
}

export interface Message {
  MessageId?: string;
  ReceiptHandle?: string;
  MD5OfBody?: string;
  Body?: string;
  /** Message system attributes (SentTimestamp, ApproximateReceiveCount, ...). */
  Attributes?: StringMap;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributeMap;
}

export interface ReceiveMessageOutput {
  Messages?: Message[];
}

export interface SendMessageOutput {
  MD5OfMessageBody?: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  MessageId?: string;
  SequenceNumber?: string;
}

export interface SendMessageBatchResultEntry {
  Id: string;
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

export interface SendMessageBatchOutput {
  Successful: SendMessageBatchResultEntry[];
  Failed: BatchResultErrorEntry[];
}

export interface StartMessageMoveTaskOutput {
  TaskHandle?: string;
}

/** The output type of each action. */
export interface SqsOutputs {
  AddPermission: EmptyOutput;
  CancelMessageMoveTask: CancelMessageMoveTaskOutput;
  ChangeMessageVisibility: EmptyOutput;
  ChangeMessageVisibilityBatch: ChangeMessageVisibilityBatchOutput;
  CreateQueue: CreateQueueOutput;
  DeleteMessage: EmptyOutput;
  DeleteMessageBatch: DeleteMessageBatchOutput;
  DeleteQueue: EmptyOutput;
  GetQueueAttributes: GetQueueAttributesOutput;
  GetQueueUrl: GetQueueUrlOutput;
  ListDeadLetterSourceQueues: ListDeadLetterSourceQueuesOutput;
  ListMessageMoveTasks: ListMessageMoveTasksOutput;
  ListQueueTags: ListQueueTagsOutput;
  ListQueues: ListQueuesOutput;
  PurgeQueue: EmptyOutput;
  ReceiveMessage: ReceiveMessageOutput;
  RemovePermission: EmptyOutput;
  SendMessage: SendMessageOutput;
  SendMessageBatch: SendMessageBatchOutput;
  SetQueueAttributes: EmptyOutput;
  StartMessageMoveTask: StartMessageMoveTaskOutput;
  TagQueue: EmptyOutput;
  UntagQueue: EmptyOutput;
}
