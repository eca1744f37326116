/** The attribute name enums of the SQS model (QueueAttributeName, MessageSystemAttributeName). */

export const queueAttributeNames = [
  'All',
  'Policy',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'ApproximateNumberOfMessagesDelayed',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'RedriveAllowPolicy',
  'SqsManagedSseEnabled',
] as const;

export type QueueAttributeName = (typeof queueAttributeNames)[number];

/** Attributes SQS computes: they can be read but never set. */
export const readOnlyQueueAttributeNames: ReadonlySet<string> = new Set([
  'All',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
]);

/** Attributes that exist only on FIFO queues. */
export const fifoOnlyQueueAttributeNames: ReadonlySet<string> = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

export const messageSystemAttributeNames = [
  'All',
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

export type MessageSystemAttributeName = (typeof messageSystemAttributeNames)[number];

/** The only system attribute a sender may set (MessageSystemAttributeNameForSends). */
export const messageSystemAttributeNamesForSends = ['AWSTraceHeader'] as const;

const queueAttributeNameSet: ReadonlySet<string> = new Set(queueAttributeNames);
const messageSystemAttributeNameSet: ReadonlySet<string> = new Set(messageSystemAttributeNames);

export function isQueueAttributeName(name: string): name is QueueAttributeName {
  return queueAttributeNameSet.has(name);
}

export function isMessageSystemAttributeName(name: string): name is MessageSystemAttributeName {
  return messageSystemAttributeNameSet.has(name);
}
