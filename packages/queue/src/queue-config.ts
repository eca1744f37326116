import { sqsLimits } from '@sluice/core';

const millisecondsPerSecond = 1000;

/** The queue attributes the state machine needs; the gateway owns the rest. */
export interface QueueConfig {
  readonly fifo: boolean;
  /** Default visibility timeout for receives that give none. */
  readonly visibilityTimeoutMs: number;
  /** Queue DelaySeconds. Retroactive on FIFO queues, not on standard ones (see send.ts). */
  readonly delayMs: number;
  /** MessageRetentionPeriod: applies to every message, counted from its sentAtMs. */
  readonly retentionMs: number;
  /** RedrivePolicy maxReceiveCount; 0 means no redrive policy. */
  readonly maxReceiveCount: number;
  /** Informational: the caller computes the SHA-256 deduplication id when this is on. */
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationScope: 'queue' | 'messageGroup';
  /** Informational: throttling is the gateway's job. */
  readonly fifoThroughputLimit: 'perQueue' | 'perMessageGroupId';
}

export const visibilityTimeoutMsMax = sqsLimits.visibilityTimeoutSecondsMax * millisecondsPerSecond;
export const delayMsMax = sqsLimits.delaySecondsMax * millisecondsPerSecond;
export const retentionMsMin = sqsLimits.retentionSecondsMin * millisecondsPerSecond;
export const retentionMsMax = sqsLimits.retentionSecondsMax * millisecondsPerSecond;

/** A new queue's configuration before any `configure` command: SQS's defaults. */
export const defaultQueueConfig: QueueConfig = Object.freeze({
  fifo: false,
  visibilityTimeoutMs: sqsLimits.visibilityTimeoutSecondsDefault * millisecondsPerSecond,
  delayMs: 0,
  retentionMs: sqsLimits.retentionSecondsDefault * millisecondsPerSecond,
  maxReceiveCount: 0,
  contentBasedDeduplication: false,
  deduplicationScope: 'queue',
  fifoThroughputLimit: 'perQueue',
});

function isIntegerInRange(value: number, minimum: number, maximum: number): boolean {
  return Number.isSafeInteger(value) && value >= minimum && value <= maximum;
}

/** The name of the first field out of its SQS range, or undefined when the config is valid. */
export function invalidQueueConfigField(config: QueueConfig): string | undefined {
  if (typeof config.fifo !== 'boolean') return 'fifo';
  if (!isIntegerInRange(config.visibilityTimeoutMs, 0, visibilityTimeoutMsMax)) {
    return 'visibilityTimeoutMs';
  }
  if (!isIntegerInRange(config.delayMs, 0, delayMsMax)) return 'delayMs';
  if (!isIntegerInRange(config.retentionMs, retentionMsMin, retentionMsMax)) return 'retentionMs';
  const receiveCountValid =
    config.maxReceiveCount === 0 ||
    isIntegerInRange(
      config.maxReceiveCount,
      sqsLimits.maxReceiveCountMin,
      sqsLimits.maxReceiveCountMax,
    );
  if (!receiveCountValid) return 'maxReceiveCount';
  if (typeof config.contentBasedDeduplication !== 'boolean') return 'contentBasedDeduplication';
  if (config.deduplicationScope !== 'queue' && config.deduplicationScope !== 'messageGroup') {
    return 'deduplicationScope';
  }
  if (
    config.fifoThroughputLimit !== 'perQueue' &&
    config.fifoThroughputLimit !== 'perMessageGroupId'
  ) {
    return 'fifoThroughputLimit';
  }
  return undefined;
}
