import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sqsLimits, type Writable } from '@sluice/core';
import { Log, type LogRecord } from '@sluice/storage';
import {
  QueueStateMachine,
  decodeCommand,
  encodeCommand,
  SnapshotBuffers,
  prefaultPages,
  type ChangeVisibilityOutcome,
  type SnapshotBufferBudget,
  type DeleteOutcome,
  type QueueCommand,
  type QueueConfig,
  type QueueResults,
  type Receipt,
  type ReceivedMessage,
  type SendCommand,
} from '@sluice/queue';
import {
  RecordDecodeError,
  decodeDropQueueRecord,
  decodeMoveMessageRecord,
  decodeQueueCommandRecord,
  encodeDropQueueRecord,
  encodeMoveMessageRecord,
  encodeQueueCommandHead,
  moveFlags,
  recordTypes,
  type MoveMessageRecord,
} from './record-envelope.js';
import { ReceiptHandleCodec, type ReceiptFields } from './receipt-handle.js';
import { partitionDefaults, type PartitionOptions } from './partition-options.js';
import { PartitionSnapshots } from './partition-snapshots.js';
import type {
  DeliveredMessage,
  PartitionStatus,
  PeekedMessage,
  PurgeOutcome,
  QueueCounters,
  ReceiveRequest,
  ReceiveResult,
  SendRequest,
  SendResult,
} from './partition-types.js';

/** The partition was asked about a queue it does not host. */
export class UnknownQueueError extends Error {
  readonly code = 'UnknownQueue';
}

/** Epoch of every record written by a single node; replication will stamp real epochs. */
const singleNodeEpoch = 0;

interface StoredMessage {
  readonly messageId: string;
  readonly deduplicationId: string | undefined;
  readonly originQueueId: number;
  /** The payload section of the send record: what the gateway stored. */
  readonly payload: Buffer;
  /** The whole original send record, for compaction to copy. */
  readonly sendRecord: Buffer;
}

/**
 * A partition: one durable log, the queue state machines applied from it, and snapshots
 * (DESIGN §2-3). Every state change is a log record applied in log order by the same code at run
 * time and at replay, so the state is a pure function of the log.
 *
 * Durability (DESIGN §3): sends are answered only once durable. On standard queues, receives,
 * deletes and visibility changes are answered before their fsync (losing them only causes a
 * redelivery); they become durable with a later group commit, within the bounded window of
 * GroupCommitter (storage). On FIFO queues every command is durable before it is answered.
 */
export class Partition {
  readonly #options: PartitionOptions;
  readonly #log: Log;
  readonly #receipts: ReceiptHandleCodec;
  readonly #snapshots: PartitionSnapshots;
  /** Per queue, the memory its snapshots copy into, kept between snapshots. */
  readonly #snapshotBuffers = new Map<number, SnapshotBuffers>();
  readonly #snapshotBufferBudget: SnapshotBufferBudget = {
    bytesMax: partitionDefaults.snapshotBufferBytesMax,
    bytesKept: 0,
  };
  #queues = new Map<number, QueueStateMachine>();
  readonly #availableListeners = new Set<(queueId: number) => void>();
  #lastNowMs = 0;
  #recordsSinceSnapshot = 0;
  #maintenance: Promise<void> | undefined;
  /** The snapshot buffers have been sized (and are being prefaulted) for the coming snapshot. */
  #prefaultStarted = false;
  #closing = false;

  private constructor(options: PartitionOptions, log: Log, receipts: ReceiptHandleCodec) {
    this.#options = options;
    this.#log = log;
    this.#receipts = receipts;
    this.#snapshots = new PartitionSnapshots(join(options.directory, 'snapshots'));
  }

  /** Opens, recovering if needed: the newest valid snapshot, then the log after it. */
  static async open(options: PartitionOptions): Promise<Partition> {
    mkdirSync(options.directory, { recursive: true });
    const log = Log.open({
      directory: join(options.directory, 'log'),
      ...(options.segmentBytes === undefined ? {} : { segmentBytes: options.segmentBytes }),
      ...(options.onFatalError === undefined ? {} : { onFatalError: options.onFatalError }),
      ...(options.onBatchDurable === undefined ? {} : { onBatchDurable: options.onBatchDurable }),
      ...(options.fileSystem === undefined ? {} : { fileSystem: options.fileSystem }),
      ...(options.preallocateSegments === undefined
        ? {}
        : { preallocate: options.preallocateSegments }),
      onBackgroundError: options.onBackgroundError ?? reportBackgroundError,
    });
    const partition = new Partition(
      options,
      log,
      new ReceiptHandleCodec(loadSecret(options.directory)),
    );
    partition.#recover();
    await partition.#finishPendingDeadLetters();
    return partition;
  }

  // ---- queues -------------------------------------------------------------------------------

  hasQueue(queueId: number): boolean {
    return this.#queues.has(queueId);
  }

  queueIds(): number[] {
    return [...this.#queues.keys()];
  }

  /** Creates the queue, or changes its configuration if it differs; durable when resolved. */
  async configureQueue(queueId: number, config: QueueConfig): Promise<void> {
    const current = this.#queues.get(queueId);
    if (current !== undefined && sameConfig(current.config, config)) return;
    const command: QueueCommand = { type: 'configure', nowMs: this.#now(), config };
    const { offset, result } = this.#appendAndApply(queueId, command, undefined);
    if (result.kind === 'rejected')
      throw new RangeError(`queue ${queueId}: invalid configuration (${result.field})`);
    await this.#log.whenDurable(offset);
  }

  async dropQueue(queueId: number): Promise<void> {
    if (!this.#queues.has(queueId)) return;
    const offset = this.#log.append(
      recordTypes.dropQueue,
      encodeDropQueueRecord(queueId, this.#now()),
      singleNodeEpoch,
    );
    this.#queues.delete(queueId);
    this.#snapshotBuffers.get(queueId)?.discard();
    this.#snapshotBuffers.delete(queueId);
    this.#afterAppend();
    await this.#log.whenDurable(offset);
  }

  /** Called (synchronously) when messages may have become receivable on a queue. */
  onMessagesAvailable(listener: (queueId: number) => void): void {
    this.#availableListeners.add(listener);
  }

  // ---- messages -----------------------------------------------------------------------------

  /** Sends a batch: one group commit, answered once every message is durable. */
  async send(queueId: number, requests: readonly SendRequest[]): Promise<SendResult[]> {
    const fifo = this.#queue(queueId).config.fifo;
    const nowMs = this.#now();
    const results: SendResult[] = [];
    let lastOffset = -1;
    for (const request of requests) {
      // Optional fields are set only when present; spreading `{}` for each absent one cost
      // three throw-away objects a message on the send path.
      const command: Writable<SendCommand> = {
        type: 'send',
        nowMs,
        messageId: request.messageId,
        bodyBytes: request.bodyBytes,
      };
      if (request.delayMs !== undefined) command.delayMs = request.delayMs;
      if (request.groupId !== undefined) command.groupId = request.groupId;
      if (request.deduplicationId !== undefined) command.deduplicationId = request.deduplicationId;
      const { offset, result } = this.#appendAndApply(queueId, command, request.payload);
      lastOffset = offset;
      if (result.kind === 'throttled') {
        results.push({ kind: 'full', reason: result.reason });
        continue;
      }
      const messageId = result.kind === 'duplicate' ? result.messageId : request.messageId;
      results.push(
        fifo
          ? {
              kind: result.kind,
              messageId,
              sequenceNumber: sequenceNumberOf(result.sequenceNumber),
            }
          : { kind: result.kind, messageId },
      );
    }
    if (lastOffset >= 0) await this.#log.whenDurable(lastOffset);
    this.#announce(queueId);
    return results;
  }

  async receive(queueId: number, request: ReceiveRequest): Promise<ReceiveResult> {
    const queue = this.#queue(queueId);
    const nowMs = this.#now();
    if (!queue.hasReceivable(nowMs)) {
      return {
        messages: [],
        overLimit: !queue.config.fifo && queue.counters().inflight >= sqsLimits.inflightStandardMax,
      };
    }
    const command: QueueCommand = {
      type: 'receive',
      nowMs,
      countMax: request.countMax,
      ...(request.visibilityTimeoutMs === undefined
        ? {}
        : { visibilityTimeoutMs: request.visibilityTimeoutMs }),
      ...(request.receiveRequestAttemptId === undefined
        ? {}
        : { receiveRequestAttemptId: request.receiveRequestAttemptId }),
    };
    const received: ReceivedMessage[] = [];
    let overLimit = false;
    let lastOffset = -1;
    // A receive dead-letters at most a few messages; when it did and delivered fewer than asked
    // while more are receivable, receive again, so messages behind dead letters are not left
    // visible while the caller (perhaps a long poll) goes away empty-handed.
    for (let round = 0; round < partitionDefaults.receiveRoundsMax; round++) {
      const remaining = request.countMax - received.length;
      const applied = this.#appendAndApply(queueId, { ...command, countMax: remaining }, undefined);
      lastOffset = applied.offset;
      for (const deadLetter of applied.result.deadLetters) {
        const moved = this.#moveToDeadLetterQueue(queueId, deadLetter.key, nowMs);
        if (moved !== undefined) lastOffset = moved;
      }
      received.push(...applied.result.messages);
      overLimit = applied.result.overLimit;
      const again =
        applied.result.deadLetters.length > 0 &&
        received.length < request.countMax &&
        request.receiveRequestAttemptId === undefined &&
        queue.hasReceivable(nowMs);
      if (!again) break;
    }
    const receiptHandles = this.#receipts.encodeEach(
      queueId,
      received.map((message) => message.receipt),
    );
    const records = this.#log.readEach(received.map((message) => message.bodyOffset));
    const fifo = queue.config.fifo;
    const messages = received.map((message, index): DeliveredMessage => {
      const stored = this.#storedMessageOf(records[index]!);
      // Optional fields set only when present, as on the send path: no spread temporaries for
      // every message of a drain.
      const delivered: Writable<DeliveredMessage> = {
        messageId: stored.messageId,
        receiptHandle: receiptHandles[index]!,
        payload: stored.payload,
        receiveCount: message.receiveCount,
        sentAtMs: message.sentAtMs,
        firstReceiveAtMs: message.firstReceiveAtMs,
        originQueueId: stored.originQueueId,
      };
      if (message.groupId !== undefined) delivered.groupId = message.groupId;
      if (stored.deduplicationId !== undefined) delivered.deduplicationId = stored.deduplicationId;
      if (fifo) delivered.sequenceNumber = sequenceNumberOf(message.key);
      return delivered;
    });
    if (fifo) await this.#log.whenDurable(lastOffset);
    return { messages, overLimit };
  }

  async deleteMessage(queueId: number, receiptHandle: string): Promise<DeleteOutcome> {
    const queue = this.#queue(queueId);
    const receipt = this.#decodeReceipt(queueId, receiptHandle);
    if (receipt === undefined) return 'invalidReceipt';
    const { offset, result } = this.#appendAndApply(
      queueId,
      { type: 'delete', nowMs: this.#now(), receipt },
      undefined,
    );
    await this.#afterDelete(queueId, queue, offset, result.outcome === 'deleted');
    return result.outcome;
  }

  /**
   * DeleteMessageBatch: the handles that decode go into one record (one append and one apply,
   * instead of one per entry), each applied as deleteMessage would; an outcome per handle.
   */
  async deleteMessages(
    queueId: number,
    receiptHandles: readonly string[],
  ): Promise<DeleteOutcome[]> {
    if (receiptHandles.length > sqsLimits.batchEntryCountMax) {
      throw new RangeError(
        `${receiptHandles.length} receipt handles; a batch holds ${sqsLimits.batchEntryCountMax}`,
      );
    }
    const queue = this.#queue(queueId);
    const outcomes: DeleteOutcome[] = [];
    const receipts: Receipt[] = [];
    const indexes: number[] = [];
    this.#receipts.decodeEach(receiptHandles).forEach((fields, index) => {
      outcomes.push('invalidReceipt');
      const receipt = receiptOfQueue(queueId, fields);
      if (receipt === undefined) return;
      receipts.push(receipt);
      indexes.push(index);
    });
    if (receipts.length === 0) return outcomes;
    const { offset, result } = this.#appendAndApply(
      queueId,
      { type: 'deleteBatch', nowMs: this.#now(), receipts },
      undefined,
    );
    result.outcomes.forEach((outcome, at) => (outcomes[indexes[at]!] = outcome));
    await this.#afterDelete(queueId, queue, offset, result.outcomes.includes('deleted'));
    return outcomes;
  }

  async changeVisibility(
    queueId: number,
    receiptHandle: string,
    visibilityTimeoutMs: number,
  ): Promise<ChangeVisibilityOutcome> {
    const queue = this.#queue(queueId);
    const receipt = this.#decodeReceipt(queueId, receiptHandle);
    if (receipt === undefined) return 'invalidReceipt';
    const { offset, result } = this.#appendAndApply(
      queueId,
      { type: 'changeVisibility', nowMs: this.#now(), receipt, visibilityTimeoutMs },
      undefined,
    );
    if (queue.config.fifo) await this.#log.whenDurable(offset);
    if (result.outcome === 'changed' && visibilityTimeoutMs === 0) this.#announce(queueId);
    return result.outcome;
  }

  async purge(queueId: number): Promise<PurgeOutcome> {
    this.#queue(queueId);
    const { offset, result } = this.#appendAndApply(
      queueId,
      { type: 'purge', nowMs: this.#now() },
      undefined,
    );
    await this.#log.whenDurable(offset);
    return result.kind === 'purged' ? 'purged' : 'inProgress';
  }

  /**
   * Moves up to `countMax` visible messages out of a queue (DLQ redrive), each to the queue
   * `targetOf` names for the queue it was first sent to (undefined: leave it). Resets receive
   * counts. Returns how many moved; durable when resolved.
   */
  async moveMessages(
    sourceQueueId: number,
    countMax: number,
    targetOf: (originQueueId: number) => number | undefined,
  ): Promise<number> {
    const source = this.#advance(sourceQueueId);
    const nowMs = this.#now();
    let moved = 0;
    let lastOffset = -1;
    for (const message of source.peek(countMax * 2)) {
      if (moved >= countMax) break;
      const stored = this.#readMessage(message.bodyOffset);
      const targetQueueId = targetOf(stored.originQueueId);
      if (targetQueueId === undefined || !this.#queues.has(targetQueueId)) continue;
      lastOffset = this.#appendMove({
        sourceQueueId,
        targetQueueId,
        key: message.key,
        nowMs,
        flags: moveFlags.resetReceiveCount,
      });
      moved += 1;
      this.#announce(targetQueueId);
    }
    if (lastOffset >= 0) await this.#log.whenDurable(lastOffset);
    return moved;
  }

  /** Sweeps messages past their retention from every queue (called periodically). */
  expireMessages(): void {
    const nowMs = this.#now();
    for (const [queueId, queue] of this.#queues) {
      if (hasExpiredMessages(queue, nowMs))
        this.#appendAndApply(queueId, { type: 'expire', nowMs }, undefined);
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  /** Current counts, as of now: time is advanced first, so they are never stale. */
  counters(queueId: number): QueueCounters {
    const counters = this.#advance(queueId).counters();
    return {
      visible: counters.visible,
      inflight: counters.inflight,
      delayed: counters.delayed,
      bytes: counters.bytes,
      oldestSentAtMs: counters.oldestSentAtMs,
    };
  }

  /** The earliest time something becomes receivable on the queue (for long-poll wake-ups). */
  nextWakeAtMs(queueId: number): number | undefined {
    return this.#queues.get(queueId)?.nextWakeAtMs();
  }

  /** Visible messages, without receiving them. */
  peek(queueId: number, countMax: number): PeekedMessage[] {
    return this.#advance(queueId)
      .peek(countMax)
      .map((message) => {
        const stored = this.#readMessage(message.bodyOffset);
        return {
          messageId: stored.messageId,
          payload: stored.payload,
          receiveCount: message.receiveCount,
          sentAtMs: message.sentAtMs,
          ...(message.groupId === undefined ? {} : { groupId: message.groupId }),
        };
      });
  }

  status(): PartitionStatus {
    const segments = this.#log.segments();
    return {
      logBytes: segments.reduce((total, segment) => total + segment.bytes, 0),
      segmentCount: segments.length,
      nextOffset: this.#log.nextOffset,
      lastSnapshotOffset: this.#snapshots.lastOffset,
      snapshotBufferBytes: this.#snapshotBufferBudget.bytesKept,
      spareSegmentBytes: this.#log.spareSegmentBytes,
    };
  }

  /** A digest of the whole state: equal digests mean equal states (crash tests compare them). */
  digest(): string {
    return PartitionSnapshots.digest(this.#queues);
  }

  /** Writes a snapshot now and deletes log segments nothing needs any more. */
  async snapshot(): Promise<void> {
    while (this.#maintenance !== undefined) await this.#maintenance;
    await this.#startMaintenance(true);
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#maintenance;
    await this.#log.close();
  }

  // ---- internals ----------------------------------------------------------------------------

  #now(): number {
    const nowMs = this.#options.clock.nowMs();
    if (nowMs > this.#lastNowMs) this.#lastNowMs = nowMs;
    return this.#lastNowMs;
  }

  /**
   * Brings a queue's time up to now when something became due (delayed or in-flight messages
   * turning visible, retention ending) by logging an expire command, which advances time. Reads
   * that show state (counts, peek) call this so they never show a stale picture.
   */
  #advance(queueId: number): QueueStateMachine {
    const queue = this.#queue(queueId);
    const nowMs = this.#now();
    const wakeAtMs = queue.nextWakeAtMs();
    if ((wakeAtMs !== undefined && wakeAtMs <= nowMs) || hasExpiredMessages(queue, nowMs)) {
      this.#appendAndApply(queueId, { type: 'expire', nowMs }, undefined);
    }
    return queue;
  }

  #queue(queueId: number): QueueStateMachine {
    const queue = this.#queues.get(queueId);
    if (queue === undefined) throw new UnknownQueueError(`partition has no queue ${queueId}`);
    return queue;
  }

  /** Appends a queue command and applies it; the one path shared with replay (#applyRecord). */
  #appendAndApply<Command extends QueueCommand>(
    queueId: number,
    command: Command,
    payload: Uint8Array | undefined,
  ): { offset: number; result: QueueResults[Command['type']] } {
    const offset = this.#log.append(
      recordTypes.queueCommand,
      encodeQueueCommandHead(queueId, encodeCommand(command)),
      singleNodeEpoch,
      payload,
    );
    const result = this.#applyQueueCommand(queueId, command, offset);
    this.#afterAppend();
    return { offset, result };
  }

  #applyQueueCommand<Command extends QueueCommand>(
    queueId: number,
    command: Command,
    offset: number,
  ): QueueResults[Command['type']] {
    let queue = this.#queues.get(queueId);
    if (queue === undefined) {
      if (command.type !== 'configure')
        throw new RecordDecodeError(`record at ${offset} names unknown queue ${queueId}`);
      queue = new QueueStateMachine();
      this.#queues.set(queueId, queue);
    }
    return queue.apply(command, offset);
  }

  #appendMove(move: MoveMessageRecord): number {
    const offset = this.#log.append(
      recordTypes.moveMessage,
      encodeMoveMessageRecord(move),
      singleNodeEpoch,
    );
    this.#applyMove(move, offset);
    this.#afterAppend();
    return offset;
  }

  /**
   * One record takes a message out of one queue and puts it into another, keeping its key and
   * body: a dead-letter move (receive count kept) or a redrive (receive count reset).
   */
  #applyMove(move: MoveMessageRecord, offset: number): void {
    const source = this.#queues.get(move.sourceQueueId);
    const target = this.#queues.get(move.targetQueueId);
    if (source === undefined) return;
    const out = source.apply({ type: 'moveOut', nowMs: move.nowMs, key: move.key }, offset);
    if (out.kind !== 'movedOut' || target === undefined) return;
    const stored = this.#readMessage(out.bodyOffset);
    target.apply(
      {
        type: 'moveIn',
        nowMs: move.nowMs,
        key: move.key,
        bodyOffset: out.bodyOffset,
        sentAtMs: out.sentAtMs,
        receiveCount: (move.flags & moveFlags.resetReceiveCount) !== 0 ? 0 : out.receiveCount,
        bodyBytes: out.bodyBytes,
        messageId: stored.messageId,
        ...(out.groupId === undefined ? {} : { groupId: out.groupId }),
        ...(stored.deduplicationId === undefined
          ? {}
          : { deduplicationId: stored.deduplicationId }),
      },
      offset,
    );
  }

  /** Moves a message marked for dead-lettering to its queue's DLQ; the offset, if it moved. */
  #moveToDeadLetterQueue(queueId: number, key: number, nowMs: number): number | undefined {
    const targetQueueId = this.#options.deadLetterTargetOf?.(queueId);
    if (targetQueueId === undefined || !this.#queues.has(targetQueueId)) return undefined;
    const offset = this.#appendMove({
      sourceQueueId: queueId,
      targetQueueId,
      key,
      nowMs,
      flags: 0,
    });
    this.#announce(targetQueueId);
    return offset;
  }

  /** After a crash, messages marked for dead-lettering but not yet moved are moved now. */
  async #finishPendingDeadLetters(): Promise<void> {
    let lastOffset = -1;
    for (const [queueId, queue] of this.#queues) {
      for (const pending of queue.pendingDeadLetters()) {
        const moved = this.#moveToDeadLetterQueue(queueId, pending.key, this.#now());
        if (moved !== undefined) lastOffset = moved;
      }
    }
    if (lastOffset >= 0) await this.#log.whenDurable(lastOffset);
  }

  /** Reads the message whose body is in the record at `offset` (following a reinsert). */
  #readMessage(offset: number): StoredMessage {
    return this.#storedMessageOf(this.#log.read(offset));
  }

  #storedMessageOf(record: LogRecord): StoredMessage {
    const envelope = decodeQueueCommandRecord(record.payload);
    const command = decodeCommand(envelope.command);
    if (command.type === 'reinsert') {
      return this.#messageFromSendRecord(
        decodeQueueCommandRecord(envelope.payload),
        envelope.payload,
      );
    }
    return this.#messageFromSendRecord(envelope, record.payload);
  }

  #messageFromSendRecord(
    envelope: ReturnType<typeof decodeQueueCommandRecord>,
    sendRecord: Buffer,
  ): StoredMessage {
    const command = decodeCommand(envelope.command);
    if (command.type !== 'send')
      throw new RecordDecodeError(`expected a send record, found ${command.type}`);
    return {
      messageId: command.messageId,
      deduplicationId: command.deduplicationId,
      originQueueId: envelope.queueId,
      payload: envelope.payload,
      sendRecord,
    };
  }

  #decodeReceipt(queueId: number, receiptHandle: string): Receipt | undefined {
    return receiptOfQueue(queueId, this.#receipts.decode(receiptHandle));
  }

  /** FIFO deletes are answered once durable; deleting may unblock the rest of a group. */
  async #afterDelete(
    queueId: number,
    queue: QueueStateMachine,
    offset: number,
    deleted: boolean,
  ): Promise<void> {
    if (!queue.config.fifo) return;
    await this.#log.whenDurable(offset);
    if (deleted) this.#announce(queueId);
  }

  #announce(queueId: number): void {
    for (const listener of this.#availableListeners) listener(queueId);
  }

  #afterAppend(): void {
    this.#recordsSinceSnapshot += 1;
    const interval =
      this.#options.snapshotIntervalRecords ?? partitionDefaults.snapshotIntervalRecords;
    if (this.#maintenance !== undefined) return;
    if (this.#recordsSinceSnapshot >= interval) {
      void this.#startMaintenance(false);
    } else if (
      !this.#prefaultStarted &&
      this.#recordsSinceSnapshot >= interval * partitionDefaults.snapshotPrefaultAtFraction
    ) {
      this.#prefaultStarted = true;
      // Only an optimization: a failure is reported and the snapshot copies as it would anyway.
      this.#prefaultSnapshotBuffers().catch((error: unknown) =>
        (this.#options.onBackgroundError ?? reportBackgroundError)(error as Error),
      );
    }
  }

  /**
   * Ahead of the next snapshot, sizes every queue's snapshot buffers for it and maps their new
   * pages a step per event-loop turn, so that the snapshot's synchronous copy goes into memory
   * already mapped: a copy into new memory takes a page fault per 4 KiB, which was two thirds
   * of a first snapshot's stop (docs/benchmarks/analysis.md §1.7). Stops when a snapshot takes
   * the buffers or the partition closes; a page left unmapped only costs its fault later.
   */
  async #prefaultSnapshotBuffers(): Promise<void> {
    const pending: { queueId: number; buffers: SnapshotBuffers; buffer: Uint8Array }[] = [];
    for (const [queueId, queue] of this.#queues) {
      const buffers = this.#snapshotBuffersOf(queueId);
      if (buffers.leased) continue;
      queue.snapshotArrayBytes().forEach((bytes, index) => {
        const buffer = buffers.reserve(index, bytes);
        if (buffer !== undefined) pending.push({ queueId, buffers, buffer });
      });
    }
    const stepBytes = partitionDefaults.snapshotPrefaultStepBytes;
    for (const { queueId, buffers, buffer } of pending) {
      for (let at = 0; at < buffer.length;) {
        await nextTurn();
        if (this.#closing || buffers.leased) return;
        // A queue dropped meanwhile gave its buffers back: nothing to map for it.
        if (this.#snapshotBuffers.get(queueId) !== buffers) break;
        at = prefaultPages(buffer, at, stepBytes);
      }
    }
  }

  #snapshotBuffersOf(queueId: number): SnapshotBuffers {
    let buffers = this.#snapshotBuffers.get(queueId);
    if (buffers === undefined) {
      buffers = new SnapshotBuffers(this.#snapshotBufferBudget);
      this.#snapshotBuffers.set(queueId, buffers);
    }
    return buffers;
  }

  /**
   * Runs one snapshot-and-trim, and only one at a time. The promise is recorded before any work
   * starts: compaction appends records, and each append asks whether to start maintenance, so
   * the answer must already be "running" (it once was not, and snapshots piled up recursively,
   * racing on one temporary file). A background failure is reported, never an unhandled
   * rejection: the log stays the truth, and the next interval tries again. An explicit
   * snapshot() sees its error.
   */
  #startMaintenance(explicit: boolean): Promise<void> {
    this.#recordsSinceSnapshot = 0;
    this.#prefaultStarted = false;
    const run = (async () => {
      await Promise.resolve();
      await this.#snapshotAndTrim();
    })();
    this.#maintenance = run
      .catch((error: unknown) => {
        if (explicit) return;
        (this.#options.onBackgroundError ?? reportBackgroundError)(error as Error);
      })
      .finally(() => {
        this.#maintenance = undefined;
      });
    return explicit ? run : this.#maintenance;
  }

  // ---- recovery, snapshots, compaction ------------------------------------------------------

  #recover(): void {
    const loaded = this.#snapshots.loadNewest(this.#log.firstOffset, this.#log.nextOffset);
    this.#queues = loaded.queues;
    this.#lastNowMs = loaded.lastNowMs;
    for (let offset = loaded.offset; offset < this.#log.nextOffset;) {
      const records = this.#log.readFrom(offset, 4096);
      if (records.length === 0) break;
      for (const record of records) this.#applyRecord(record);
      offset = (records.at(-1) as LogRecord).offset + 1;
    }
  }

  #applyRecord(record: LogRecord): void {
    switch (record.type) {
      case recordTypes.queueCommand: {
        const envelope = decodeQueueCommandRecord(record.payload);
        const command = decodeCommand(envelope.command);
        if (command.nowMs > this.#lastNowMs) this.#lastNowMs = command.nowMs;
        this.#applyQueueCommand(envelope.queueId, command, record.offset);
        return;
      }
      case recordTypes.moveMessage: {
        const move = decodeMoveMessageRecord(record.payload);
        if (move.nowMs > this.#lastNowMs) this.#lastNowMs = move.nowMs;
        this.#applyMove(move, record.offset);
        return;
      }
      case recordTypes.dropQueue:
        this.#queues.delete(decodeDropQueueRecord(record.payload).queueId);
        return;
      default:
        throw new RecordDecodeError(
          `unknown record type ${record.type} at offset ${record.offset}`,
        );
    }
  }

  /**
   * Snapshot at the current offset (written only once everything before it is durable, so a
   * snapshot never claims records a crash could lose), then drop the segments that neither the
   * snapshot nor any live message needs. Old segments pinned by a few live messages are
   * compacted first: those messages are re-appended at the tail (reinsert).
   */
  async #snapshotAndTrim(): Promise<void> {
    this.#compact();
    const offset = this.#log.nextOffset;
    // Each queue's copy goes into memory kept from its last snapshot (SnapshotBuffers says why),
    // leased until the write has read it.
    const leased: SnapshotBuffers[] = [];
    try {
      for (const queueId of this.#queues.keys()) {
        const buffers = this.#snapshotBuffersOf(queueId);
        buffers.lease();
        leased.push(buffers);
      }
      const chunks = PartitionSnapshots.encode(this.#queues, this.#lastNowMs, (queueId) =>
        this.#snapshotBuffers.get(queueId),
      );
      if (offset > 0) await this.#log.whenDurable(offset - 1);
      await this.#snapshots.write(offset, chunks);
    } finally {
      for (const buffers of leased) buffers.release();
    }
    let keepFrom = offset;
    for (const queue of this.#queues.values()) {
      const oldest = queue.oldestLiveOffset();
      if (oldest !== undefined && oldest < keepFrom) keepFrom = oldest;
    }
    await this.#log.deleteSegmentsBefore(keepFrom);
  }

  #compact(): void {
    const segments = this.#log.segments();
    const oldest = segments[0];
    const next = segments[1];
    if (oldest === undefined || next === undefined) return;
    // Counted first, which costs no ordering and no objects: with a backlog the oldest segment
    // holds more live messages than are worth moving, and listing 10,001 of them in order took
    // 15 ms of a snapshot's stop (docs/benchmarks/analysis.md §1.7).
    const countMax = partitionDefaults.compactionLiveMessageCountMax;
    let pinnedCount = 0;
    for (const queue of this.#queues.values()) {
      pinnedCount += queue.countLiveMessagesBelow(next.baseOffset, countMax + 1 - pinnedCount);
      if (pinnedCount > countMax) return;
    }
    if (pinnedCount === 0) return;
    const pinned: { queueId: number; key: number; bodyOffset: number }[] = [];
    for (const [queueId, queue] of this.#queues) {
      for (const message of queue.liveMessagesBelow(next.baseOffset, countMax)) {
        pinned.push({ queueId, key: message.key, bodyOffset: message.bodyOffset });
      }
    }
    const nowMs = this.#now();
    for (const message of pinned) {
      const stored = this.#readMessage(message.bodyOffset);
      this.#appendAndApply(
        message.queueId,
        { type: 'reinsert', nowMs, key: message.key },
        stored.sendRecord,
      );
    }
  }
}

function loadSecret(directory: string): Buffer {
  const path = join(directory, 'receipt.key');
  try {
    const secret = readFileSync(path);
    if (secret.length >= 32) return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

function hasExpiredMessages(queue: QueueStateMachine, nowMs: number): boolean {
  const oldest = queue.counters().oldestSentAtMs;
  return oldest !== undefined && oldest + queue.config.retentionMs <= nowMs;
}

function sameConfig(left: QueueConfig, right: QueueConfig): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** FIFO SequenceNumber: a 20-digit decimal string as SQS returns, increasing with the key. */
function sequenceNumberOf(key: number): string {
  return String(key).padStart(20, '0');
}

function reportBackgroundError(error: Error): void {
  process.emitWarning(`partition maintenance failed (the log is intact): ${error.message}`);
}

/** The receipt a decoded handle names, if the handle is one of this queue's. */
function receiptOfQueue(queueId: number, fields: ReceiptFields | undefined): Receipt | undefined {
  if (fields === undefined || fields.queueId !== queueId) return undefined;
  return { slot: fields.slot, key: fields.key, receiveNumber: fields.receiveNumber };
}
