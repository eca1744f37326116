import assert from 'node:assert/strict';
import { defaultQueueConfig, type QueueConfig } from '../queue-config.js';
import type { QueueCommand, Receipt } from '../queue-commands.js';
import { QueueStateMachine } from '../queue-state-machine.js';
import { ReferenceQueue, type ModelCommand, type ModelReceipt } from './reference-queue.js';

/** One generated step; picks are resolved against what the run has produced so far. */
export type ModelStep =
  | {
      op: 'send';
      advanceMs: number;
      delayMs: number | undefined;
      group: number;
      deduplication: number | undefined;
    }
  | {
      op: 'receive';
      advanceMs: number;
      countMax: number;
      visibilityTimeoutMs: number | undefined;
      attempt: number | undefined;
    }
  | { op: 'delete'; advanceMs: number; pick: number }
  /** Picks of a DeleteMessageBatch: repeats allowed, as a client may send them. */
  | { op: 'deleteBatch'; advanceMs: number; picks: number[] }
  | { op: 'changeVisibility'; advanceMs: number; pick: number; visibilityTimeoutMs: number }
  | { op: 'expire'; advanceMs: number }
  | { op: 'purge'; advanceMs: number }
  | { op: 'deadLetter'; advanceMs: number; pick: number }
  | {
      op: 'moveIn';
      advanceMs: number;
      ageMs: number;
      receiveCount: number;
      group: number;
      deduplication: number | undefined;
      reuseLiveKey: boolean;
      /** Bring back a key that left (a dead-letter round trip): old receipts must not match. */
      reuseGoneKey: boolean;
    }
  | { op: 'moveOut'; advanceMs: number; pick: number }
  | { op: 'reinsert'; advanceMs: number; pick: number }
  | {
      op: 'configure';
      advanceMs: number;
      visibilityTimeoutMs: number;
      delayMs: number;
      retentionMs: number;
      maxReceiveCount: number;
      scopeMessageGroup: boolean;
      switchType: boolean;
    }
  | { op: 'snapshotRestore' }
  | { op: 'clockBack'; backMs: number };

interface ReceiptPair {
  readonly machine: Receipt;
  readonly model: ModelReceipt;
}

const startMs = 1_700_000_000_000;

/**
 * Runs `steps` against the state machine and the reference model side by side and fails on the
 * first difference in a result, the counters or any query. A snapshot step restores a copy that
 * then runs in lockstep with the original: both must agree exactly (slots included), digests too.
 */
export class ModelRun {
  readonly #model = new ReferenceQueue();
  #machines: QueueStateMachine[] = [new QueueStateMachine()];
  #clockMs = startMs;
  #offset = 0;
  readonly #receipts: ReceiptPair[] = [];
  readonly #keys: number[] = [];

  constructor(fifo: boolean) {
    this.#apply(
      {
        type: 'configure',
        nowMs: startMs,
        config: { ...defaultQueueConfig, fifo, maxReceiveCount: 3 },
      },
      {
        type: 'configure',
        nowMs: startMs,
        config: { ...defaultQueueConfig, fifo, maxReceiveCount: 3 },
      },
    );
  }

  run(steps: readonly ModelStep[]): void {
    steps.forEach((step, index) => {
      try {
        this.#step(step);
        this.#compareQueries();
      } catch (error) {
        const context = `step ${index}: ${JSON.stringify(step)}`;
        if (error instanceof Error) error.message = `${context}\n${error.message}`;
        throw error;
      }
    });
  }

  #step(step: ModelStep): void {
    if (step.op === 'snapshotRestore') return this.#snapshotRestore();
    if (step.op === 'clockBack') {
      const nowMs = this.#clockMs - step.backMs;
      return this.#same({ type: 'expire', nowMs });
    }
    this.#clockMs += step.advanceMs;
    const nowMs = this.#clockMs;
    const fifo = this.#model.config.fifo;
    switch (step.op) {
      case 'send':
        return this.#same({
          type: 'send',
          nowMs,
          messageId: `message-${this.#offset + 1}`,
          bodyBytes: 100,
          ...(fifo || step.delayMs === undefined ? {} : { delayMs: step.delayMs }),
          ...(fifo ? fifoIds(step.group, step.deduplication, this.#offset + 1) : {}),
        });
      case 'receive':
        return this.#same({
          type: 'receive',
          nowMs,
          countMax: step.countMax,
          ...(step.visibilityTimeoutMs === undefined
            ? {}
            : { visibilityTimeoutMs: step.visibilityTimeoutMs }),
          ...(step.attempt === undefined
            ? {}
            : { receiveRequestAttemptId: `attempt-${step.attempt}` }),
        });
      case 'delete':
      case 'changeVisibility':
        return this.#receiptStep(step, nowMs);
      case 'deleteBatch':
        return this.#deleteBatchStep(step.picks, nowMs);
      case 'expire':
      case 'purge':
        return this.#same({ type: step.op, nowMs });
      case 'deadLetter': {
        const pending = this.#model.pendingDeadLetters() as { key: number }[];
        const key =
          pending.length > 0 && step.pick % 4 !== 0
            ? pending[step.pick % pending.length]!.key
            : this.#pickKey(step.pick);
        return this.#same({ type: 'deadLetter', nowMs, key });
      }
      case 'moveOut':
      case 'reinsert':
        return this.#same({ type: step.op, nowMs, key: this.#pickKey(step.pick) });
      case 'moveIn':
        return this.#moveIn(step, nowMs);
      case 'configure':
        return this.#same({ type: 'configure', nowMs, config: this.#configOf(step) });
    }
  }

  #receiptStep(step: ModelStep & { op: 'delete' | 'changeVisibility' }, nowMs: number): void {
    if (this.#receipts.length === 0) return this.#same({ type: 'expire', nowMs });
    const pair = this.#receipts[this.#receipts.length - 1 - (step.pick % this.#receipts.length)]!;
    if (step.op === 'delete') {
      return this.#apply(
        { type: 'delete', nowMs, receipt: pair.machine },
        { type: 'delete', nowMs, receipt: pair.model },
      );
    }
    const visibilityTimeoutMs = step.visibilityTimeoutMs;
    this.#apply(
      { type: 'changeVisibility', nowMs, receipt: pair.machine, visibilityTimeoutMs },
      { type: 'changeVisibility', nowMs, receipt: pair.model, visibilityTimeoutMs },
    );
  }

  #deleteBatchStep(picks: readonly number[], nowMs: number): void {
    if (this.#receipts.length === 0) return this.#same({ type: 'expire', nowMs });
    const receipts = this.#receipts;
    const pairs = picks.map((pick) => receipts[receipts.length - 1 - (pick % receipts.length)]!);
    this.#apply(
      { type: 'deleteBatch', nowMs, receipts: pairs.map((pair) => pair.machine) },
      { type: 'deleteBatch', nowMs, receipts: pairs.map((pair) => pair.model) },
    );
  }

  #moveIn(step: ModelStep & { op: 'moveIn' }, nowMs: number): void {
    const live = this.#model.messages;
    const gone = step.reuseGoneKey
      ? this.#keys.filter((key) => !live.some((message) => message.key === key))
      : [];
    let key = this.#offset + 1;
    if (step.reuseLiveKey && live.length > 0) key = live[step.group % live.length]!.key;
    else if (gone.length > 0) key = gone[gone.length - 1 - (step.group % gone.length)]!;
    this.#same({
      type: 'moveIn',
      nowMs,
      key,
      bodyOffset: this.#offset + 1,
      sentAtMs: Math.max(0, nowMs - step.ageMs),
      receiveCount: step.receiveCount,
      bodyBytes: 40,
      messageId: `moved-${this.#offset + 1}`,
      ...(this.#model.config.fifo ? fifoIds(step.group, step.deduplication, this.#offset + 1) : {}),
    });
  }

  #configOf(step: ModelStep & { op: 'configure' }): QueueConfig {
    const fifo = step.switchType ? !this.#model.config.fifo : this.#model.config.fifo;
    return {
      ...defaultQueueConfig,
      fifo,
      visibilityTimeoutMs: step.visibilityTimeoutMs,
      delayMs: step.delayMs,
      retentionMs: step.retentionMs,
      maxReceiveCount: step.maxReceiveCount,
      deduplicationScope: step.scopeMessageGroup ? 'messageGroup' : 'queue',
    };
  }

  #pickKey(pick: number): number {
    if (this.#keys.length === 0) return 0;
    return this.#keys[this.#keys.length - 1 - (pick % this.#keys.length)]!;
  }

  /** A command that is the same for machine and model (no receipts inside). */
  #same(
    command: Exclude<QueueCommand, { type: 'delete' | 'deleteBatch' | 'changeVisibility' }>,
  ): void {
    this.#apply(command, command);
  }

  #apply(command: QueueCommand, modelCommand: ModelCommand): void {
    const offset = ++this.#offset;
    const results = this.#machines.map((machine) => machine.apply(command, offset));
    const expected = this.#model.apply(modelCommand, offset);
    for (const result of results.slice(1)) assert.deepStrictEqual(result, results[0]);
    assert.deepStrictEqual(withoutSlots(results[0]), expected, `result of ${command.type}`);
    if (command.type === 'send') this.#keys.push(offset);
    if (command.type === 'moveIn') this.#keys.push(command.key);
    if (command.type === 'receive') this.#rememberReceipts(results[0]);
  }

  #rememberReceipts(result: unknown): void {
    for (const message of (result as { messages: { receipt: Receipt }[] }).messages) {
      const { key, receiveNumber } = message.receipt;
      this.#receipts.push({ machine: message.receipt, model: { key, receiveNumber } });
    }
  }

  #snapshotRestore(): void {
    const original = this.#machines[0]!;
    const restored = QueueStateMachine.restore(original.snapshot());
    assert.equal(restored.digest(), original.digest(), 'restored digest');
    this.#machines = [restored, original];
  }

  #compareQueries(): void {
    const model = this.#model;
    const [machine, ...others] = this.#machines;
    const bodyOffsetLimit = Math.floor(this.#offset / 2);
    const queries = (candidate: QueueStateMachine): unknown => ({
      counters: candidate.counters(),
      nextWakeAtMs: candidate.nextWakeAtMs(),
      oldestLiveOffset: candidate.oldestLiveOffset(),
      peek: candidate.peek(10),
      pending: candidate.pendingDeadLetters(),
      below: candidate.liveMessagesBelow(bodyOffsetLimit, 5),
      receivableNow: candidate.hasReceivable(this.#clockMs),
      receivableSoon: candidate.hasReceivable(this.#clockMs + 5000),
    });
    const actual = queries(machine!);
    assert.deepStrictEqual(withoutSlots(actual), {
      counters: model.counters(),
      nextWakeAtMs: model.nextWakeAtMs(),
      oldestLiveOffset: model.oldestLiveOffset(),
      peek: model.peek(10),
      pending: model.pendingDeadLetters(),
      below: model.liveMessagesBelow(bodyOffsetLimit, 5),
      receivableNow: model.hasReceivable(this.#clockMs),
      receivableSoon: model.hasReceivable(this.#clockMs + 5000),
    });
    for (const other of others) {
      assert.deepStrictEqual(queries(other), actual);
      assert.equal(other.digest(), machine!.digest(), 'lockstep digests');
    }
  }
}

function fifoIds(
  group: number,
  deduplication: number | undefined,
  offset: number,
): { groupId: string; deduplicationId: string } {
  const deduplicationId =
    deduplication === undefined ? `unique-${offset}` : `dedup-${deduplication}`;
  return { groupId: `group-${group}`, deduplicationId };
}

/** A deep copy without `slot` fields: the model has no slots. */
export function withoutSlots(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSlots);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (name !== 'slot') copy[name] = withoutSlots(field);
  }
  return copy;
}
