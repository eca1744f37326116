import type { QueueConfig } from './queue-config.js';

/**
 * Names one receive of one message. Opaque to clients (the partition seals it): `slot` finds the
 * message in O(1), `key` proves the slot still holds the same message in the same stay (it is
 * the message's arrival: the offset of its send, or of the move that brought it back, which
 * differs from its key), `receiveNumber` tells this receive from later ones (a stale receipt).
 */
export interface Receipt {
  readonly slot: number;
  readonly key: number;
  readonly receiveNumber: number;
}

/**
 * Every command carries `nowMs`, the leader-stamped wall time; the machine never reads a clock.
 * Each is applied with the log offset of the record that carries it.
 */
export interface ConfigureCommand {
  readonly type: 'configure';
  readonly nowMs: number;
  readonly config: QueueConfig;
}

export interface SendCommand {
  readonly type: 'send';
  readonly nowMs: number;
  readonly messageId: string;
  /** Body plus attribute bytes; carried for the partition's accounting, not stored. */
  readonly bodyBytes: number;
  /** Per-message DelaySeconds, standard queues only; absent means the queue's delay. */
  readonly delayMs?: number;
  /** MessageGroupId: required on FIFO queues, ignored on standard ones (fair queues). */
  readonly groupId?: string;
  /** FIFO: the explicit MessageDeduplicationId or the content hash, resolved by the caller. */
  readonly deduplicationId?: string;
}

export interface ReceiveCommand {
  readonly type: 'receive';
  readonly nowMs: number;
  /** MaxNumberOfMessages, 1 to 10. */
  readonly countMax: number;
  /** Absent means the queue's VisibilityTimeout. */
  readonly visibilityTimeoutMs?: number;
  /** FIFO only; ignored on standard queues. */
  readonly receiveRequestAttemptId?: string;
}

export interface DeleteCommand {
  readonly type: 'delete';
  readonly nowMs: number;
  readonly receipt: Receipt;
}

/**
 * A DeleteMessageBatch's receipts in one record: applied as a `delete` of each in order, at one
 * time. 1 to `sqsLimits.batchEntryCountMax` receipts; one record instead of one per entry.
 */
export interface DeleteBatchCommand {
  readonly type: 'deleteBatch';
  readonly nowMs: number;
  readonly receipts: readonly Receipt[];
}

export interface ChangeVisibilityCommand {
  readonly type: 'changeVisibility';
  readonly nowMs: number;
  readonly receipt: Receipt;
  readonly visibilityTimeoutMs: number;
}

/** A retention sweep. Every command expires what is due; this one reports how many. */
export interface ExpireCommand {
  readonly type: 'expire';
  readonly nowMs: number;
}

/** Removes a message a receive marked for dead-lettering, once the partition has moved it. */
export interface DeadLetterCommand {
  readonly type: 'deadLetter';
  readonly nowMs: number;
  readonly key: number;
}

/** A message arriving from another queue (dead-letter move, redrive), visible at once. */
export interface MoveInCommand {
  readonly type: 'moveIn';
  readonly nowMs: number;
  /** Must not be the key of a live message of this queue. */
  readonly key: number;
  readonly bodyOffset: number;
  readonly sentAtMs: number;
  readonly receiveCount: number;
  /** The message's size, carried over from the queue it leaves. */
  readonly bodyBytes: number;
  /** Required on FIFO queues. */
  readonly groupId?: string;
  readonly messageId: string;
  /** FIFO: starts a deduplication window for later sends with the same id. */
  readonly deduplicationId?: string;
}

/** Removes any live message by key (a redrive taking messages out of a dead-letter queue). */
export interface MoveOutCommand {
  readonly type: 'moveOut';
  readonly nowMs: number;
  readonly key: number;
}

/** Compaction re-appended the message's body: it now lives at this record's offset. */
export interface ReinsertCommand {
  readonly type: 'reinsert';
  readonly nowMs: number;
  readonly key: number;
}

export interface PurgeCommand {
  readonly type: 'purge';
  readonly nowMs: number;
}

export type QueueCommand =
  | ConfigureCommand
  | SendCommand
  | ReceiveCommand
  | DeleteCommand
  | DeleteBatchCommand
  | ChangeVisibilityCommand
  | ExpireCommand
  | DeadLetterCommand
  | MoveInCommand
  | MoveOutCommand
  | ReinsertCommand
  | PurgeCommand;

export type QueueCommandType = QueueCommand['type'];
