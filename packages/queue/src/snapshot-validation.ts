import { QueueSnapshotError } from './errors.js';
import { messageState, neverMs, none } from './message-state.js';
import { farDelta } from './message-table.js';
import type { QueueCore } from './queue-core.js';

/** FIFO sections of a snapshot: each group's id and head slot; pending dead letters' groups. */
export interface SnapshotGroups {
  readonly heads: readonly (readonly [string, number])[];
  readonly pending: readonly (readonly [number, string])[];
}

function inconsistent(message: string): never {
  throw new QueueSnapshotError('inconsistent', message);
}

function invalidValue(message: string): never {
  throw new QueueSnapshotError('invalidValue', message);
}

/**
 * Checks every structural invariant of restored slot arrays and rebuilds what snapshots do not
 * carry: the key index, the heaps, the groups' links and counts. Throws QueueSnapshotError on
 * the first violation, before the core is handed to anyone.
 */
export function rebuildIndexes(core: QueueCore, groups: SnapshotGroups | undefined): void {
  checkSlots(core);
  checkFreeList(core);
  const table = core.table;
  core.keys.reserve(core.liveCount);
  for (let slot = 0; slot < table.highWater; slot++) {
    if (table.state[slot] === messageState.free) continue;
    if (!core.keys.insert(slot)) inconsistent(`key ${table.key[slot]} twice`);
    const state = table.state[slot]!;
    core.stateCounts[state] = core.stateCounts[state]! + 1;
  }
  if (core.fifo) linkGroups(core, groups!);
  buildHeaps(core);
}

function checkSlots(core: QueueCore): void {
  const table = core.table;
  let liveCount = 0;
  let liveBytes = 0;
  for (let slot = 0; slot < table.highWater; slot++) {
    const state = table.state[slot]!;
    if (state > messageState.pendingDeadLetter) invalidValue(`slot ${slot} state ${state}`);
    if (state === messageState.free) continue;
    liveCount++;
    liveBytes += table.bodyBytes[slot]!;
    const valid =
      isOffset(table.key[slot]!) &&
      isOffset(table.bodyOffset[slot]!) &&
      isOffset(table.sentAtMs[slot]!) &&
      table.sentAtMs[slot]! <= core.nowMs &&
      table.firstReceiveDeltaMs[slot]! >= neverMs &&
      table.receiveDeltaMs[slot]! >= neverMs &&
      table.visibilityChanged[slot]! <= 1;
    if (!valid) invalidValue(`slot ${slot} holds an impossible message`);
    const timed = state === messageState.delayed || state === messageState.inflight;
    if (timed && table.dueDeltaMs[slot]! < 0) invalidValue(`slot ${slot} due before it was sent`);
    if (state === messageState.inflight && table.receiveDeltaMs[slot] === neverMs) {
      invalidValue(`slot ${slot} in flight but never received`);
    }
  }
  if (liveCount !== table.liveCount) inconsistent(`${liveCount} live slots, header says more`);
  checkFarArrivals(core);
  table.liveBytes = liveBytes;
}

/** Every far arrival belongs to a live slot whose delta says so, and lies that far past its key. */
function checkFarArrivals(core: QueueCore): void {
  const table = core.table;
  let farCount = 0;
  for (let slot = 0; slot < table.highWater; slot++) {
    if (table.state[slot] === messageState.free || table.arrivalDelta[slot] !== farDelta) continue;
    farCount++;
    const arrival = table.farArrivals.get(slot);
    if (arrival === undefined || !isOffset(arrival) || arrival - table.key[slot]! < farDelta) {
      invalidValue(`slot ${slot} arrived at no possible offset`);
    }
  }
  if (farCount !== table.farArrivals.size) inconsistent('a far arrival for no message');
}

function checkFreeList(core: QueueCore): void {
  const table = core.table;
  const seen = new Uint8Array(table.highWater);
  let freeCount = 0;
  for (let slot = table.freeHead; slot !== none; slot = table.next[slot]!) {
    if (slot < 0 || slot >= table.highWater) inconsistent(`free list leaves the table at ${slot}`);
    if (table.state[slot] !== messageState.free || seen[slot] === 1) {
      inconsistent(`free list revisits or holds a live slot ${slot}`);
    }
    seen[slot] = 1;
    freeCount++;
  }
  if (freeCount !== table.highWater - table.liveCount) inconsistent('free list misses slots');
}

/** Re-threads each group's list from its head and restores the pending groups' ids. */
function linkGroups(core: QueueCore, groups: SnapshotGroups): void {
  const table = core.table;
  const linked = new Uint8Array(table.highWater);
  let linkedCount = 0;
  for (const [name, head] of groups.heads) {
    const group = core.groups.intern(name);
    if (core.groups.head[group] !== none) inconsistent(`group ${name} twice`);
    if (head === none) inconsistent(`group ${name} is empty`);
    for (let slot = head; slot !== none;) {
      const inGroup =
        slot >= 0 &&
        slot < table.highWater &&
        linked[slot] === 0 &&
        table.state[slot] !== messageState.free &&
        table.state[slot] !== messageState.pendingDeadLetter;
      if (!inGroup) inconsistent(`group ${name} links slot ${slot}`);
      const next = table.next[slot]!;
      linked[slot] = 1;
      linkedCount++;
      core.groups.append(group, slot);
      if (table.state[slot] === messageState.inflight) core.groups.addInflight(group, 1);
      slot = next;
    }
  }
  const pendingCount = core.stateCounts[messageState.pendingDeadLetter]!;
  if (linkedCount !== core.liveCount - pendingCount) inconsistent('messages outside any group');
  for (const [slot, name] of groups.pending) {
    const valid = slot < table.highWater && table.state[slot] === messageState.pendingDeadLetter;
    if (!valid || core.pendingDeadLetterGroups.has(slot)) inconsistent(`pending slot ${slot}`);
    core.pendingDeadLetterGroups.set(slot, name);
  }
  if (core.pendingDeadLetterGroups.size !== pendingCount) inconsistent('pending groups missing');
}

function buildHeaps(core: QueueCore): void {
  const table = core.table;
  const live = core.liveCount;
  const ready = new SlotList(live);
  const due = new SlotList(live);
  const retained = new SlotList(live);
  const bodies = new SlotList(live);
  for (let slot = 0; slot < table.highWater; slot++) {
    const state = table.state[slot]!;
    if (state === messageState.free) continue;
    bodies.add(slot);
    if (state !== messageState.pendingDeadLetter) retained.add(slot);
    if (state === messageState.visible && !core.fifo) ready.add(slot);
    if (state === messageState.delayed || state === messageState.inflight) due.add(slot);
  }
  core.ready.build(ready.items());
  core.due.build(due.items());
  core.retention.build(retained.items());
  core.body.build(bodies.items());
  if (core.fifo) for (const group of core.groups.indexes()) core.groups.refresh(group);
}

function isOffset(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

class SlotList {
  readonly #slots: Int32Array;
  #count = 0;

  constructor(capacity: number) {
    this.#slots = new Int32Array(capacity);
  }

  add(slot: number): void {
    this.#slots[this.#count++] = slot;
  }

  items(): Int32Array {
    return this.#slots.subarray(0, this.#count);
  }
}
