import type { Receipt } from './queue-commands.js';

export type ConfigureResult =
  | { readonly kind: 'configured' }
  /** `field` is out of its SQS range, or `fifo` changed after the queue held a message. */
  | { readonly kind: 'rejected'; readonly field: string };

export type SendResult =
  /** `sequenceNumber` is the key: strictly increasing within a partition. */
  | { readonly kind: 'sent'; readonly key: number; readonly sequenceNumber: number }
  /** FIFO: the deduplication id was seen within 5 minutes; nothing was queued. */
  | {
      readonly kind: 'duplicate';
      readonly messageId: string;
      readonly key: number;
      readonly sequenceNumber: number;
    }
  | { readonly kind: 'throttled'; readonly reason: 'queueFull' | 'deduplicationWindowFull' };

export interface ReceivedMessage {
  readonly slot: number;
  readonly key: number;
  readonly bodyOffset: number;
  /** ApproximateReceiveCount, including this receive. */
  readonly receiveCount: number;
  readonly sentAtMs: number;
  /** ApproximateFirstReceiveTimestamp. */
  readonly firstReceiveAtMs: number;
  readonly groupId?: string;
  readonly receipt: Receipt;
}

/** A message taken out of delivery for its dead-letter queue; not yet removed. */
export interface DeadLetterMessage {
  readonly slot: number;
  readonly key: number;
  readonly bodyOffset: number;
  readonly sentAtMs: number;
  readonly receiveCount: number;
  readonly groupId?: string;
}

export interface ReceiveResult {
  readonly messages: readonly ReceivedMessage[];
  readonly deadLetters: readonly DeadLetterMessage[];
  /** The in-flight limit was reached, so nothing was delivered. */
  readonly overLimit: boolean;
  /**
   * FIFO ReceiveRequestAttemptId handling: `fresh` (a normal receive), `replayed` (the same
   * messages and receipts as the earlier attempt), `notRetryable` (a message of the earlier
   * attempt was deleted, changed or redelivered since; nothing is returned).
   */
  readonly attempt: 'fresh' | 'replayed' | 'notRetryable';
}

export type DeleteOutcome =
  | 'deleted'
  /** Deleted, expired, purged or dead-lettered already: DeleteMessage succeeds. */
  | 'alreadyGone'
  /** Standard: the message was received again since; succeeds without deleting. */
  | 'staleReceipt'
  /** FIFO: the receipt's visibility timeout passed; InvalidParameterValue (expired). */
  | 'expiredReceipt'
  /** Names a slot this queue never used: ReceiptHandleIsInvalid. */
  | 'invalidReceipt';

/** One outcome per receipt of a deleteBatch, in its order. */
export interface DeleteBatchResult {
  readonly outcomes: readonly DeleteOutcome[];
}

export type ChangeVisibilityOutcome =
  | 'changed'
  | 'alreadyGone'
  | 'staleReceipt'
  | 'notInflight'
  /** Past 12 hours from the receive that issued the receipt. */
  | 'visibilityTooLong'
  | 'invalidReceipt';

export interface DeleteResult {
  readonly outcome: DeleteOutcome;
}

export interface ChangeVisibilityResult {
  readonly outcome: ChangeVisibilityOutcome;
}

export interface ExpireResult {
  /** Messages whose retention ended while time advanced to this command. */
  readonly expiredCount: number;
}

export interface DeadLetterResult {
  readonly outcome: 'deadLettered' | 'notPending' | 'alreadyGone';
}

export type MoveInResult =
  | { readonly kind: 'movedIn' }
  /** A live message already has this key: the move was applied before (idempotent). */
  | { readonly kind: 'alreadyPresent' }
  /** Its retention had already ended: dropped. */
  | { readonly kind: 'expired' }
  | { readonly kind: 'throttled'; readonly reason: 'queueFull' };

export type MoveOutResult =
  | {
      readonly kind: 'movedOut';
      readonly bodyOffset: number;
      readonly sentAtMs: number;
      readonly receiveCount: number;
      readonly bodyBytes: number;
      readonly groupId?: string;
    }
  | { readonly kind: 'alreadyGone' };

export interface ReinsertResult {
  readonly outcome: 'reinserted' | 'alreadyGone';
}

export type PurgeResult =
  | { readonly kind: 'purged'; readonly purgedCount: number }
  /** Another purge ran within the last 60 seconds: PurgeQueueInProgress. */
  | { readonly kind: 'purgeInProgress' };

/** The result type of each command type. */
export interface QueueResults {
  readonly configure: ConfigureResult;
  readonly send: SendResult;
  readonly receive: ReceiveResult;
  readonly delete: DeleteResult;
  readonly deleteBatch: DeleteBatchResult;
  readonly changeVisibility: ChangeVisibilityResult;
  readonly expire: ExpireResult;
  readonly deadLetter: DeadLetterResult;
  readonly moveIn: MoveInResult;
  readonly moveOut: MoveOutResult;
  readonly reinsert: ReinsertResult;
  readonly purge: PurgeResult;
}

export type QueueResult = QueueResults[keyof QueueResults];

export interface QueueCounters {
  /** ApproximateNumberOfMessages (FIFO: including messages of blocked groups). */
  readonly visible: number;
  /** ApproximateNumberOfMessagesNotVisible. */
  readonly inflight: number;
  /** ApproximateNumberOfMessagesDelayed. */
  readonly delayed: number;
  readonly pendingDeadLetter: number;
  readonly total: number;
  /** Bytes of every live message (body plus attributes, as SQS counts message size). */
  readonly bytes: number;
  /** Sent time of the oldest message (not counting pending dead letters), for its age. */
  readonly oldestSentAtMs: number | undefined;
}

/** A live message named by key and body position (compaction, pending dead letters). */
export interface LiveMessage {
  readonly slot: number;
  readonly key: number;
  readonly bodyOffset: number;
  readonly sentAtMs: number;
  readonly receiveCount: number;
  readonly groupId?: string;
}

/** A visible message as a receive would deliver it, without its receipt. */
export type PeekedMessage = LiveMessage;
