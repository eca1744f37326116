/** One message to send. The payload (body, attributes, MD5s) is opaque to the partition. */
export interface SendRequest {
  readonly messageId: string;
  readonly payload: Uint8Array;
  /** Body plus attribute bytes, as SQS counts message size (for byte-depth accounting). */
  readonly bodyBytes: number;
  /** Per-message delay; standard queues only. Absent: the queue's DelaySeconds. */
  readonly delayMs?: number;
  readonly groupId?: string;
  /** FIFO: explicit MessageDeduplicationId or the SHA-256 of the body, resolved by the caller. */
  readonly deduplicationId?: string;
}

/** `sequenceNumber` is there on FIFO queues only (SQS returns it for those alone). */
export type SendResult =
  | { readonly kind: 'sent'; readonly messageId: string; readonly sequenceNumber?: string }
  /** FIFO: a duplicate within the deduplication window; the original message's id. */
  | { readonly kind: 'duplicate'; readonly messageId: string; readonly sequenceNumber?: string }
  /** Not stored: the queue or its deduplication window is at capacity. Retryable. */
  | { readonly kind: 'full'; readonly reason: 'queueFull' | 'deduplicationWindowFull' };

export interface ReceiveRequest {
  readonly countMax: number;
  /** Absent: the queue's VisibilityTimeout. */
  readonly visibilityTimeoutMs?: number;
  readonly receiveRequestAttemptId?: string;
}

export interface DeliveredMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly payload: Buffer;
  readonly receiveCount: number;
  readonly sentAtMs: number;
  readonly firstReceiveAtMs: number;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** FIFO queues only: SequenceNumber, increasing within the partition, as a decimal string. */
  readonly sequenceNumber?: string;
  /** The queue the message was first sent to (differs after a dead-letter move). */
  readonly originQueueId: number;
}

export interface ReceiveResult {
  readonly messages: readonly DeliveredMessage[];
  /** The in-flight limit was reached: short polls answer OverLimit. */
  readonly overLimit: boolean;
}

/** What happened to a delete or visibility change (the queue state machine's outcomes, plus
 * `invalidReceipt` for a handle that is not a genuine receipt for this queue). */
export type { DeleteOutcome, ChangeVisibilityOutcome } from '@sluice/queue';

export type PurgeOutcome = 'purged' | 'inProgress';

export interface PeekedMessage {
  readonly messageId: string;
  readonly payload: Buffer;
  readonly receiveCount: number;
  readonly sentAtMs: number;
  readonly groupId?: string;
}

export interface QueueCounters {
  readonly visible: number;
  readonly inflight: number;
  readonly delayed: number;
  /** Bytes of every message in the queue (body plus attributes), for back pressure. */
  readonly bytes: number;
  /** Sent time of the oldest message still in the queue, if any. */
  readonly oldestSentAtMs: number | undefined;
}

export interface PartitionStatus {
  readonly logBytes: number;
  readonly segmentCount: number;
  readonly nextOffset: number;
  readonly lastSnapshotOffset: number;
  /** Memory kept for the queues' snapshot copies (within partitionDefaults.snapshotBufferBytesMax). */
  readonly snapshotBufferBytes: number;
  /** Zeros written so far into the log's next segment, filled ahead (0 without one). */
  readonly spareSegmentBytes: number;
}
