import assert from 'node:assert/strict';
import { DeduplicationWindow } from './deduplication-window.js';
import { IndexedMinHeap } from './indexed-min-heap.js';
import { KeyIndex } from './key-index.js';
import { MessageGroups } from './message-groups.js';
import { messageState, none, type MessageState } from './message-state.js';
import { MessageTable } from './message-table.js';
import { defaultQueueConfig, type QueueConfig } from './queue-config.js';
import { ReceiveAttempts } from './receive-attempts.js';

/**
 * The state of one queue and the transitions every command is made of. Commands (send.ts,
 * receive.ts, receipt-commands.ts, maintenance-commands.ts) decide; this class keeps the indexes
 * consistent:
 * - standard visible messages: `ready`, a min-heap by key (oldest message first);
 * - FIFO visible, delayed and in-flight messages: their group's list, plus `groups.ready`;
 * - delayed and in-flight messages: `due`, a min-heap by the time they become visible;
 * - every live message but pending dead letters: `retention`, a min-heap by sentAtMs;
 * - every live message: `body`, a min-heap by bodyOffset (compaction), and `keys`.
 */
export class QueueCore {
  config: QueueConfig = defaultQueueConfig;
  /** The highest command time seen: time never moves backwards. */
  nowMs = 0;
  lastPurgeAtMs = Number.NEGATIVE_INFINITY;
  /** Once true the queue type (fifo) is fixed, as SQS fixes it at creation. */
  hasHeldMessages = false;
  readonly fifo: boolean;
  readonly table: MessageTable;
  readonly keys: KeyIndex;
  readonly ready: IndexedMinHeap;
  readonly due: IndexedMinHeap;
  readonly retention: IndexedMinHeap;
  readonly body: IndexedMinHeap;
  readonly groups: MessageGroups;
  readonly deduplication = new DeduplicationWindow();
  readonly attempts = new ReceiveAttempts();
  /** Live messages per state (index: MessageState; index 0, free, is unused). */
  readonly stateCounts = new Int32Array(5);
  /**
   * FIFO pending dead letters have left their group (which may be forgotten and its index
   * reused), so their group id is kept here until they are removed.
   */
  readonly pendingDeadLetterGroups = new Map<number, string>();

  constructor(fifo: boolean, capacity?: number) {
    this.fifo = fifo;
    const table = (this.table = new MessageTable(fifo, capacity));
    this.keys = new KeyIndex(table.key);
    this.ready = new IndexedMinHeap(() => ({
      primary: table.key,
      delta: undefined,
      tieBreak: table.key,
      positions: table.queuePosition,
    }));
    this.due = new IndexedMinHeap(() => ({
      primary: table.sentAtMs,
      delta: table.dueDeltaMs,
      tieBreak: table.key,
      positions: table.queuePosition,
    }));
    this.retention = new IndexedMinHeap(() => ({
      primary: table.sentAtMs,
      delta: undefined,
      tieBreak: table.key,
      positions: table.retentionPosition,
    }));
    this.body = new IndexedMinHeap(() => ({
      primary: table.bodyOffset,
      delta: undefined,
      tieBreak: table.key,
      positions: table.bodyPosition,
    }));
    this.groups = new MessageGroups(table);
    table.onGrow = () => {
      this.keys.rebind(table.key);
      this.ready.rebind();
      this.due.rebind();
      this.retention.rebind();
      this.body.rebind();
    };
  }

  /**
   * Moves time to `nowMs` (never backwards): messages past retention are removed, delayed and
   * in-flight messages whose time came become visible, old dedup and attempt records go.
   * Returns how many messages expired.
   */
  advanceTo(nowMs: number): number {
    assert.ok(Number.isSafeInteger(nowMs), 'command time must be an integer number of ms');
    if (nowMs > this.nowMs) this.nowMs = nowMs;
    const now = this.nowMs;
    const table = this.table;
    const retentionMs = this.config.retentionMs;
    let expiredCount = 0;
    for (let slot = this.retention.peek(); slot !== none; slot = this.retention.peek()) {
      if (table.sentAtMs[slot]! + retentionMs > now) break;
      this.remove(slot);
      expiredCount++;
    }
    for (let slot = this.due.peek(); slot !== none; slot = this.due.peek()) {
      if (table.dueAtMs(slot) > now) break;
      this.due.pop();
      this.makeVisible(slot);
    }
    this.deduplication.expire(now);
    this.attempts.expire(now);
    return expiredCount;
  }

  /** Fills a fresh slot with a new message and indexes it. */
  insert(
    slot: number,
    key: number,
    arrival: number,
    bodyOffset: number,
    sentAtMs: number,
    delayMs: number,
  ): void {
    const table = this.table;
    table.key[slot] = key;
    table.setArrival(slot, arrival);
    table.bodyOffset[slot] = bodyOffset;
    table.sentAtMs[slot] = sentAtMs;
    table.dueDeltaMs[slot] = delayMs;
    table.receiveCount[slot] = 0;
    assert.ok(this.keys.insert(slot), 'a live message already has this key');
    this.retention.push(slot);
    this.body.push(slot);
    this.hasHeldMessages = true;
  }

  /** Second half of inserting: its state and queue membership (FIFO: after joining a group). */
  enqueue(slot: number, delayed: boolean): void {
    if (delayed) {
      this.setState(slot, messageState.delayed);
      this.due.push(slot);
    } else {
      this.setState(slot, messageState.visible);
      if (this.fifo) this.groups.refresh(this.table.group[slot]!);
      else this.ready.push(slot);
    }
  }

  /** A delayed or in-flight message (already out of `due`) becomes visible. */
  makeVisible(slot: number): void {
    const wasInflight = this.table.state[slot] === messageState.inflight;
    this.setState(slot, messageState.visible);
    if (!this.fifo) {
      this.ready.push(slot);
      return;
    }
    const group = this.table.group[slot]!;
    if (wasInflight) this.groups.addInflight(group, -1);
    this.groups.refresh(group);
  }

  /**
   * A visible message (already out of `ready`) is delivered: it is in flight until
   * `deadlineMs`. FIFO callers refresh the group once they are done with it.
   */
  makeInflight(slot: number, deadlineMs: number): void {
    const table = this.table;
    const sentAtMs = table.sentAtMs[slot]!;
    const sinceSentMs = this.nowMs - sentAtMs;
    table.receiveCount[slot] = table.receiveCount[slot]! + 1;
    if (table.firstReceiveDeltaMs[slot] === -1) table.firstReceiveDeltaMs[slot] = sinceSentMs;
    table.receiveDeltaMs[slot] = sinceSentMs;
    table.dueDeltaMs[slot] = deadlineMs - sentAtMs;
    table.visibilityChanged[slot] = 0;
    this.setState(slot, messageState.inflight);
    this.due.push(slot);
    if (this.fifo) this.groups.addInflight(table.group[slot]!, 1);
  }

  /** A visible message (already out of `ready`) is set aside for its dead-letter queue. */
  markPendingDeadLetter(slot: number): void {
    this.retention.remove(slot);
    if (this.fifo) this.pendingDeadLetterGroups.set(slot, this.groupIdOf(slot)!);
    this.setState(slot, messageState.pendingDeadLetter);
    if (this.fifo) this.groups.unlink(slot);
  }

  /** Removes a live message in any state from every index and frees its slot. */
  remove(slot: number): void {
    const table = this.table;
    const state = table.state[slot] as MessageState;
    if (state === messageState.visible && !this.fifo) this.ready.remove(slot);
    if (state === messageState.delayed || state === messageState.inflight) this.due.remove(slot);
    if (state === messageState.pendingDeadLetter) {
      this.pendingDeadLetterGroups.delete(slot);
    } else {
      this.retention.remove(slot);
      if (this.fifo) {
        if (state === messageState.inflight) this.groups.addInflight(table.group[slot]!, -1);
        this.groups.unlink(slot);
      }
    }
    this.body.remove(slot);
    this.keys.remove(slot);
    this.stateCounts[state] = this.stateCounts[state]! - 1;
    table.release(slot);
  }

  setState(slot: number, state: MessageState): void {
    const table = this.table;
    const previous = table.state[slot]!;
    const counts = this.stateCounts;
    if (previous !== messageState.free) counts[previous] = counts[previous]! - 1;
    counts[state] = counts[state]! + 1;
    table.state[slot] = state;
  }

  /** A receive takes this message out of delivery (maxReceiveCount receives already). */
  shouldDeadLetter(slot: number): boolean {
    const maxReceiveCount = this.config.maxReceiveCount;
    return maxReceiveCount > 0 && this.table.receiveCount[slot]! >= maxReceiveCount;
  }

  /** Live messages, pending dead letters included. */
  get liveCount(): number {
    return this.table.liveCount;
  }

  groupIdOf(slot: number): string | undefined {
    if (!this.fifo) return undefined;
    if (this.table.state[slot] === messageState.pendingDeadLetter) {
      return this.pendingDeadLetterGroups.get(slot);
    }
    return this.groups.nameOf(this.table.group[slot]!);
  }
}
