import type { Clock } from '@sluice/core';
import type { PreallocationMode, StorageFileSystem } from '@sluice/storage';

export interface PartitionOptions {
  /** The partition's own directory: log/, snapshots/ and receipt.key live under it. */
  readonly directory: string;
  readonly clock: Clock;
  /** Log segment size; small values are for tests. */
  readonly segmentBytes?: number;
  /** Take a snapshot after this many records have been appended since the last one. */
  readonly snapshotIntervalRecords?: number;
  /** Which queue a queue's dead letters go to (from its RedrivePolicy), if any. */
  readonly deadLetterTargetOf?: (queueId: number) => number | undefined;
  /** Called on an unrecoverable storage error (fsync failure). Default: crash the process. */
  readonly onFatalError?: (error: Error) => void;
  /**
   * A background snapshot, compaction or the freeing of deleted segment files failed (the log
   * is intact). Default: a process warning.
   */
  readonly onBackgroundError?: (error: Error) => void;
  /** Told about every group commit (records, bytes, write+sync time), for metrics. */
  readonly onBatchDurable?: (recordCount: number, bytes: number, writeAndSyncMs: number) => void;
  /** The log's file-system calls; a test seam (node:fs by default). */
  readonly fileSystem?: StorageFileSystem;
  /** When the log zero-fills its next segment ahead (@sluice/storage's LogOptions.preallocate). */
  readonly preallocateSegments?: PreallocationMode;
}

export const partitionDefaults = {
  /**
   * One snapshot per million records bounds replay at restart to about a million records
   * (a few seconds) while keeping snapshot writes rare.
   */
  snapshotIntervalRecords: 1_000_000,
  /**
   * Old segments pinned by at most this many live messages are compacted: their live messages
   * are re-appended at the tail so the segment can be deleted.
   */
  compactionLiveMessageCountMax: 10_000,
  /**
   * Receive commands one ReceiveMessage may apply when dead letters crowd out deliverable
   * messages: each dead-letters at most sqsLimits.receiveDeadLetterCountMax.
   */
  receiveRoundsMax: 10,
  /**
   * Memory the snapshots of all queues may keep between snapshots, so that the next one copies
   * into pages already mapped (SnapshotBuffers): enough for queues of about 990,000 messages
   * in all (54 bytes of slot arrays each, 68 with the quarter to spare). Past it, a snapshot copies into
   * fresh memory as if nothing were kept.
   */
  snapshotBufferBytesMax: 64 * 1024 * 1024,
  /**
   * Once this share of the snapshot interval has been appended, the snapshot buffers are sized
   * for the coming snapshot and their new pages mapped in the background. The last tenth of an
   * interval (100,000 records) leaves time to map 64 MiB a quarter MiB per event-loop turn,
   * while a queue's arrays grow by far less than the quarter its buffers keep to spare.
   */
  snapshotPrefaultAtFraction: 0.9,
  /** Bytes mapped per event-loop turn: 64 pages, a fraction of a millisecond. */
  snapshotPrefaultStepBytes: 256 * 1024,
} as const;
