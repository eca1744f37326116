import { none } from './message-state.js';

/**
 * The arrays a heap orders by: priority(i) = primary[i] + (delta ? delta[i] : 0), ties broken
 * by tieBreak[i] (message keys are unique, so the order is total and pop order never depends on
 * the heap's internal layout). `positions[i]` is i's index in the heap, or -1.
 */
export interface HeapArrays {
  readonly primary: Float64Array;
  readonly delta: Int32Array | undefined;
  readonly tieBreak: Float64Array;
  readonly positions: Int32Array;
}

const initialEntryCapacity = 64;

/**
 * A binary min-heap of small integers (slots or group indexes) with O(log n) removal of any
 * member, kept in typed arrays. One class for every heap, so its call sites stay monomorphic.
 */
export class IndexedMinHeap {
  size = 0;
  #entries = new Int32Array(initialEntryCapacity);
  #primary!: Float64Array;
  #delta: Int32Array | undefined;
  #tieBreak!: Float64Array;
  #positions!: Int32Array;

  constructor(private readonly bindArrays: () => HeapArrays) {
    this.rebind();
  }

  /** Re-reads the arrays after their owner replaced them (growth). */
  rebind(): void {
    const arrays = this.bindArrays();
    this.#primary = arrays.primary;
    this.#delta = arrays.delta;
    this.#tieBreak = arrays.tieBreak;
    this.#positions = arrays.positions;
  }

  /** The smallest member, or -1 when empty. */
  peek(): number {
    return this.size === 0 ? none : this.#entries[0]!;
  }

  priorityOf(item: number): number {
    const delta = this.#delta;
    return this.#primary[item]! + (delta === undefined ? 0 : delta[item]!);
  }

  has(item: number): boolean {
    return this.#positions[item] !== none;
  }

  push(item: number): void {
    if (this.size === this.#entries.length) {
      const grown = new Int32Array(this.#entries.length * 2);
      grown.set(this.#entries);
      this.#entries = grown;
    }
    const position = this.size++;
    this.#entries[position] = item;
    this.#positions[item] = position;
    this.#siftUp(position);
  }

  pop(): number {
    const top = this.#entries[0]!;
    this.remove(top);
    return top;
  }

  remove(item: number): void {
    const position = this.#positions[item]!;
    this.#positions[item] = none;
    const lastPosition = --this.size;
    if (position === lastPosition) return;
    const last = this.#entries[lastPosition]!;
    this.#entries[position] = last;
    this.#positions[last] = position;
    this.#restore(position);
  }

  /** Re-establishes order after `item`'s priority changed. */
  update(item: number): void {
    this.#restore(this.#positions[item]!);
  }

  /** Forgets every member (their positions must be reset by the caller or rebuilt). */
  clear(): void {
    for (let position = 0; position < this.size; position++) {
      this.#positions[this.#entries[position]!] = none;
    }
    this.size = 0;
  }

  /** Replaces the contents by `items` in O(n) (restore from a snapshot). */
  build(items: Int32Array): void {
    this.clear();
    if (items.length > this.#entries.length) this.#entries = new Int32Array(items.length);
    this.#entries.set(items);
    this.size = items.length;
    for (let position = 0; position < items.length; position++) {
      this.#positions[items[position]!] = position;
    }
    for (let position = (this.size >> 1) - 1; position >= 0; position--) this.#siftDown(position);
  }

  /**
   * How many members have a priority below `limit`, counting at most `countMax`. A depth-first
   * walk that turns back at every member at or past the limit, since heap order puts its whole
   * subtree there too: one comparison per member counted, where visitInOrder orders them.
   */
  countBelow(limit: number, countMax: number): number {
    if (this.size === 0 || countMax <= 0) return 0;
    const entries = this.#entries;
    const pending = [0];
    let count = 0;
    while (pending.length > 0) {
      const position = pending.pop()!;
      if (this.priorityOf(entries[position]!) >= limit) continue;
      count += 1;
      if (count >= countMax) return count;
      const child = 2 * position + 1;
      if (child < this.size) pending.push(child);
      if (child + 1 < this.size) pending.push(child + 1);
    }
    return count;
  }

  /**
   * Calls `visit` for every member whose priority is below `limit`, smallest first, until it
   * returns false. Costs O(k log k) for k visited members, however big the heap.
   */
  visitInOrder(limit: number, visit: (item: number) => boolean): void {
    if (this.size === 0) return;
    const frontier = new IndexedFrontier(this);
    frontier.add(0);
    while (frontier.length > 0) {
      const position = frontier.popSmallest();
      const item = this.#entries[position]!;
      if (this.priorityOf(item) >= limit || !visit(item)) return;
      const child = 2 * position + 1;
      if (child < this.size) frontier.add(child);
      if (child + 1 < this.size) frontier.add(child + 1);
    }
  }

  /** True when the member at heap position `a` sorts before the one at `b`. */
  lessAt(a: number, b: number): boolean {
    return this.#less(this.#entries[a]!, this.#entries[b]!);
  }

  #less(a: number, b: number): boolean {
    const primary = this.#primary;
    const delta = this.#delta;
    let priorityA = primary[a]!;
    let priorityB = primary[b]!;
    if (delta !== undefined) {
      priorityA += delta[a]!;
      priorityB += delta[b]!;
    }
    if (priorityA !== priorityB) return priorityA < priorityB;
    return this.#tieBreak[a]! < this.#tieBreak[b]!;
  }

  #restore(position: number): void {
    if (position > 0 && this.#less(this.#entries[position]!, this.#entries[(position - 1) >> 1]!)) {
      this.#siftUp(position);
    } else {
      this.#siftDown(position);
    }
  }

  #siftUp(start: number): void {
    const entries = this.#entries;
    const positions = this.#positions;
    const item = entries[start]!;
    let position = start;
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parent = entries[parentPosition]!;
      if (!this.#less(item, parent)) break;
      entries[position] = parent;
      positions[parent] = position;
      position = parentPosition;
    }
    entries[position] = item;
    positions[item] = position;
  }

  #siftDown(start: number): void {
    const entries = this.#entries;
    const positions = this.#positions;
    const size = this.size;
    const item = entries[start]!;
    let position = start;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#less(entries[child + 1]!, entries[child]!)) child++;
      const smallest = entries[child]!;
      if (!this.#less(smallest, item)) break;
      entries[position] = smallest;
      positions[smallest] = position;
      position = child;
    }
    entries[position] = item;
    positions[item] = position;
  }
}

/** A tiny binary heap of heap positions, ordered by the members at those positions. */
class IndexedFrontier {
  readonly #positions: number[] = [];

  constructor(private readonly heap: IndexedMinHeap) {}

  get length(): number {
    return this.#positions.length;
  }

  add(position: number): void {
    const positions = this.#positions;
    positions.push(position);
    let index = positions.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.heap.lessAt(positions[index]!, positions[parent]!)) break;
      [positions[index], positions[parent]] = [positions[parent]!, positions[index]!];
      index = parent;
    }
  }

  popSmallest(): number {
    const positions = this.#positions;
    const smallest = positions[0]!;
    const last = positions.pop()!;
    if (positions.length === 0) return smallest;
    positions[0] = last;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= positions.length) break;
      const right = child + 1;
      if (right < positions.length && this.heap.lessAt(positions[right]!, positions[child]!)) {
        child = right;
      }
      if (!this.heap.lessAt(positions[child]!, positions[index]!)) break;
      [positions[index], positions[child]] = [positions[child]!, positions[index]!];
      index = child;
    }
    return smallest;
  }
}
