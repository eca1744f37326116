import assert from 'node:assert/strict';
import { applyDelete, applyDeleteBatch, applyChangeVisibility } from './receipt-commands.js';
import {
  applyConfigure,
  applyDeadLetter,
  applyMoveOut,
  applyPurge,
  applyReinsert,
} from './maintenance-commands.js';
import { invalidQueueConfigField, type QueueConfig } from './queue-config.js';
import type { ConfigureCommand, QueueCommand } from './queue-commands.js';
import { QueueCore } from './queue-core.js';
import { digestOf } from './queue-digest.js';
import {
  countersOf,
  hasReceivable,
  countLiveMessagesBelow,
  liveMessagesBelow,
  peekMessages,
  pendingDeadLetters,
} from './queue-inspection.js';
import type {
  ConfigureResult,
  LiveMessage,
  PeekedMessage,
  QueueCounters,
  QueueResult,
  QueueResults,
} from './queue-results.js';
import { applyReceive } from './receive.js';
import { applyMoveIn, applySend } from './send.js';
import { decodeSnapshot, encodeSnapshot, snapshotArrayBytes } from './queue-snapshot.js';
import type { SnapshotBuffers } from './snapshot-buffers.js';
import { none } from './message-state.js';

/**
 * One queue's SQS semantics as a deterministic state machine (DESIGN §2). It never reads a
 * clock, draws random numbers or runs timers: every command carries `nowMs`, and applying the
 * same commands at the same offsets always yields the same state and results. Before each
 * command, time advances to its `nowMs` (clamped to never go backwards).
 */
export class QueueStateMachine {
  #core = new QueueCore(false);

  /** Rebuilds a machine from `snapshot()` chunks; throws QueueSnapshotError if malformed. */
  static restore(chunks: readonly Uint8Array[]): QueueStateMachine {
    const machine = new QueueStateMachine();
    machine.#core = decodeSnapshot(chunks);
    return machine;
  }

  get config(): QueueConfig {
    return this.#core.config;
  }

  /** The machine's time: the highest command time applied so far. */
  get nowMs(): number {
    return this.#core.nowMs;
  }

  /** Applies `command`, carried by the log record at `offset`. */
  apply<Command extends QueueCommand>(
    command: Command,
    offset: number,
  ): QueueResults[Command['type']] {
    assert.ok(Number.isSafeInteger(offset) && offset >= 0, 'offset must be a safe integer');
    return this.#dispatch(command, offset) as QueueResults[Command['type']];
  }

  counters(): QueueCounters {
    return countersOf(this.#core);
  }

  /** The earliest time a delayed or in-flight message becomes visible (long-poll wake-up). */
  nextWakeAtMs(): number | undefined {
    const slot = this.#core.due.peek();
    return slot === none ? undefined : this.#core.table.dueAtMs(slot);
  }

  /** Whether a receive at `nowMs` would find a message (so an empty receive need not be logged). */
  hasReceivable(nowMs: number): boolean {
    return hasReceivable(this.#core, nowMs);
  }

  /** What a receive of `countMax` would deliver now, without changing state. */
  peek(countMax: number): PeekedMessage[] {
    return peekMessages(this.#core, countMax);
  }

  /** The lowest bodyOffset of any live message: log records below it are garbage. */
  oldestLiveOffset(): number | undefined {
    const slot = this.#core.body.peek();
    return slot === none ? undefined : this.#core.table.bodyOffset[slot];
  }

  /**
   * How many live messages have their body below `bodyOffsetLimit`, counting at most countMax:
   * without building them, and without ordering them as liveMessagesBelow does.
   */
  countLiveMessagesBelow(bodyOffsetLimit: number, countMax: number): number {
    return countLiveMessagesBelow(this.#core, bodyOffsetLimit, countMax);
  }

  /** Up to `countMax` live messages whose body lies below `bodyOffsetLimit`, lowest first. */
  liveMessagesBelow(bodyOffsetLimit: number, countMax: number): LiveMessage[] {
    return liveMessagesBelow(this.#core, bodyOffsetLimit, countMax);
  }

  /** Messages marked for dead-lettering but not yet removed (to finish after a crash). */
  pendingDeadLetters(): LiveMessage[] {
    return pendingDeadLetters(this.#core);
  }

  /**
   * Compact binary chunks; `QueueStateMachine.restore` reads them back. With leased buffers, the
   * slot arrays are copied into them (reused memory), and the chunks are valid until release.
   */
  snapshot(buffers?: SnapshotBuffers): Uint8Array[] {
    return encodeSnapshot(this.#core, buffers);
  }

  /** What snapshot() would copy now into each of its buffers (SnapshotBuffers.reserve). */
  snapshotArrayBytes(): number[] {
    return snapshotArrayBytes(this.#core);
  }

  /** SHA-256 (hex) of a canonical serialization of the logical state. */
  digest(): string {
    return digestOf(this.#core);
  }

  #dispatch(command: QueueCommand, offset: number): QueueResult {
    const core = this.#core;
    const expiredCount = core.advanceTo(command.nowMs);
    switch (command.type) {
      case 'configure':
        return this.#configure(command);
      case 'send':
        return applySend(core, command, offset);
      case 'receive':
        return applyReceive(core, command);
      case 'delete':
        return applyDelete(core, command);
      case 'deleteBatch':
        return applyDeleteBatch(core, command);
      case 'changeVisibility':
        return applyChangeVisibility(core, command);
      case 'expire':
        return { expiredCount };
      case 'deadLetter':
        return applyDeadLetter(core, command.key);
      case 'moveIn':
        return applyMoveIn(core, command, offset);
      case 'moveOut':
        return applyMoveOut(core, command.key);
      case 'reinsert':
        return applyReinsert(core, command.key, offset);
      case 'purge':
        return applyPurge(core);
    }
  }

  /** SQS fixes FifoQueue at creation: it may change only while the queue never held a message. */
  #configure(command: ConfigureCommand): ConfigureResult {
    const config = command.config;
    const field = invalidQueueConfigField(config);
    if (field !== undefined) return { kind: 'rejected', field };
    if (config.fifo !== this.#core.fifo) {
      if (this.#core.hasHeldMessages) return { kind: 'rejected', field: 'fifo' };
      const previous = this.#core;
      const core = new QueueCore(config.fifo);
      core.nowMs = previous.nowMs;
      core.lastPurgeAtMs = previous.lastPurgeAtMs;
      this.#core = core;
    }
    applyConfigure(this.#core, { ...config });
    return { kind: 'configured' };
  }
}
