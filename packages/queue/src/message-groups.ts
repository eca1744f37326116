import { IndexedMinHeap } from './indexed-min-heap.js';
import { messageState, none } from './message-state.js';
import type { MessageTable } from './message-table.js';

const initialGroupCapacity = 64;

/**
 * FIFO message groups. Each group keeps its live messages (visible, delayed, in flight) in a
 * doubly linked list in arrival order, threaded through the message table. A group can deliver
 * when its head is visible and none of its messages is in flight (SQS: "Inflight messages block
 * delivery of available messages within the same message group",
 * https://repost.aws/knowledge-center/sqs-fifo-messages-not-returned). Deliverable groups sit in
 * a heap ordered by their head's key, so receives serve the oldest waiting group first.
 * Group ids are interned; a group is forgotten once its last message leaves.
 */
export class MessageGroups {
  readonly #indexByName = new Map<string, number>();
  readonly #names: (string | undefined)[] = [];
  readonly #freeIndexes: number[] = [];
  #capacity = 0;
  head = new Int32Array(0);
  tail = new Int32Array(0);
  inflightCount = new Int32Array(0);
  #headKey = new Float64Array(0);
  #heapPosition = new Int32Array(0);
  readonly ready: IndexedMinHeap;

  constructor(private readonly table: MessageTable) {
    this.#resize(initialGroupCapacity);
    this.ready = new IndexedMinHeap(() => ({
      primary: this.#headKey,
      delta: undefined,
      tieBreak: this.#headKey,
      positions: this.#heapPosition,
    }));
  }

  get size(): number {
    return this.#indexByName.size;
  }

  nameOf(group: number): string {
    return this.#names[group]!;
  }

  /** Group indexes in use, in no particular order. */
  indexes(): IterableIterator<number> {
    return this.#indexByName.values();
  }

  /** The group's index, creating an empty group for a new id. */
  intern(name: string): number {
    const existing = this.#indexByName.get(name);
    if (existing !== undefined) return existing;
    let group = this.#freeIndexes.pop();
    if (group === undefined) {
      group = this.#names.length;
      if (group === this.#capacity) this.#resize(this.#capacity * 2);
      this.#names.push(undefined);
    }
    this.#indexByName.set(name, group);
    this.#names[group] = name;
    this.head[group] = none;
    this.tail[group] = none;
    this.inflightCount[group] = 0;
    return group;
  }

  /** Links `slot` at the end of `group`. */
  append(group: number, slot: number): void {
    const table = this.table;
    const tail = this.tail[group]!;
    table.group[slot] = group;
    table.previous[slot] = tail;
    table.next[slot] = none;
    if (tail === none) this.head[group] = slot;
    else table.next[tail] = slot;
    this.tail[group] = slot;
  }

  /** Unlinks `slot` from its group; a group left empty is forgotten. */
  unlink(slot: number): void {
    const table = this.table;
    const group = table.group[slot]!;
    const previous = table.previous[slot]!;
    const next = table.next[slot]!;
    if (previous === none) this.head[group] = next;
    else table.next[previous] = next;
    if (next === none) this.tail[group] = previous;
    else table.previous[next] = previous;
    table.next[slot] = none;
    table.previous[slot] = none;
    if (this.head[group] === none) this.#forget(group);
    else this.refresh(group);
  }

  addInflight(group: number, delta: number): void {
    this.inflightCount[group] = this.inflightCount[group]! + delta;
  }

  /** Puts the group in or out of the ready heap after its head or in-flight count changed. */
  refresh(group: number): void {
    const head = this.head[group]!;
    const deliverable =
      head !== none &&
      this.inflightCount[group] === 0 &&
      this.table.state[head] === messageState.visible;
    const queued = this.ready.has(group);
    if (!deliverable) {
      if (queued) this.ready.remove(group);
      return;
    }
    this.#headKey[group] = this.table.key[head]!;
    if (queued) this.ready.update(group);
    else this.ready.push(group);
  }

  /** Forgets every group (purge). */
  clear(): void {
    this.ready.clear();
    this.#indexByName.clear();
    this.#names.length = 0;
    this.#freeIndexes.length = 0;
  }

  #forget(group: number): void {
    if (this.ready.has(group)) this.ready.remove(group);
    this.#indexByName.delete(this.#names[group]!);
    this.#names[group] = undefined;
    this.#freeIndexes.push(group);
  }

  #resize(capacity: number): void {
    this.head = growInt32(this.head, capacity, none);
    this.tail = growInt32(this.tail, capacity, none);
    this.inflightCount = growInt32(this.inflightCount, capacity, 0);
    this.#heapPosition = growInt32(this.#heapPosition, capacity, none);
    const headKey = new Float64Array(capacity);
    headKey.set(this.#headKey);
    this.#headKey = headKey;
    this.#capacity = capacity;
    // The heap exists only after the first resize (constructor order).
    if ((this as { ready?: IndexedMinHeap }).ready !== undefined) this.ready.rebind();
  }
}

function growInt32(
  array: Int32Array<ArrayBuffer>,
  capacity: number,
  fill: number,
): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}
