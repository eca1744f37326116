import { sqsLimits } from '@sluice/core';
import type { QueueConfig } from '@sluice/queue';
import { parseRedrivePolicy, type RedrivePolicy } from '@sluice/protocol';
import type { QueueRecord } from '../metadata/metadata-store.js';

/** The attributes a new queue has before the request's own are applied (SQS's defaults). */
export function defaultAttributes(fifo: boolean): Record<string, string> {
  const defaults: Record<string, string> = {
    DelaySeconds: '0',
    MaximumMessageSize: String(sqsLimits.maximumMessageSizeDefault),
    MessageRetentionPeriod: String(sqsLimits.retentionSecondsDefault),
    ReceiveMessageWaitTimeSeconds: '0',
    VisibilityTimeout: String(sqsLimits.visibilityTimeoutSecondsDefault),
    // New SQS queues are encrypted with SQS-owned keys by default since 2022.
    SqsManagedSseEnabled: 'true',
  };
  if (fifo) {
    defaults['FifoQueue'] = 'true';
    defaults['ContentBasedDeduplication'] = 'false';
    defaults['DeduplicationScope'] = 'queue';
    defaults['FifoThroughputLimit'] = 'perQueue';
  }
  return defaults;
}

/** The parts of a queue's attributes that the state machine needs, as a logged configuration. */
export function toQueueConfig(
  attributes: Readonly<Record<string, string>>,
  fifo: boolean,
): QueueConfig {
  const redrive = storedRedrivePolicy(attributes['RedrivePolicy']);
  return {
    fifo,
    visibilityTimeoutMs: seconds(
      attributes['VisibilityTimeout'],
      sqsLimits.visibilityTimeoutSecondsDefault,
    ),
    delayMs: seconds(attributes['DelaySeconds'], 0),
    retentionMs: seconds(attributes['MessageRetentionPeriod'], sqsLimits.retentionSecondsDefault),
    maxReceiveCount: redrive?.maxReceiveCount ?? 0,
    contentBasedDeduplication: attributes['ContentBasedDeduplication'] === 'true',
    deduplicationScope:
      attributes['DeduplicationScope'] === 'messageGroup' ? 'messageGroup' : 'queue',
    fifoThroughputLimit:
      attributes['FifoThroughputLimit'] === 'perMessageGroupId' ? 'perMessageGroupId' : 'perQueue',
  };
}

/** The stored RedrivePolicy (validated when it was set); an empty string or none means none. */
export function storedRedrivePolicy(text: string | undefined): RedrivePolicy | undefined {
  return text === undefined || text === '' ? undefined : parseRedrivePolicy(text);
}

export function queueArn(region: string, record: Pick<QueueRecord, 'accountId' | 'name'>): string {
  return `arn:aws:sqs:${region}:${record.accountId}:${record.name}`;
}

function seconds(text: string | undefined, fallbackSeconds: number): number {
  const value = text === undefined ? fallbackSeconds : Number(text);
  return value * 1000;
}
