import { none } from './message-state.js';

/**
 * The arrays a heap orders by: priority(i) = primary[i] + (delta ? delta[i] : 0), ties broken
 * by tieBreak[i] (message keys are unique, so the order is total and pop order never depends on
 * the heap's internal layout). `positions[i]` says where i is: its index in the binary heap
 * (0 or more), its index r in the ordered run stored as -2 - r, or -1 (not a member).
 */
export interface HeapArrays {
  readonly primary: Float64Array;
  readonly delta: Int32Array | undefined;
  readonly tieBreak: Float64Array;
  readonly positions: Int32Array;
}

const initialEntryCapacity = 64;
/** Removed members a run may hold between its ends, beyond its live ones, before compaction. */
const runGapsMin = 64;

/**
 * A min-heap of small integers (slots or group indexes) with removal of any member, kept in
 * typed arrays. One class for every heap, so its call sites stay monomorphic.
 *
 * Members are held in two places. A member that sorts after every member of the ordered run
 * when it is pushed is appended to the run, an array kept in order: most pushes do, since
 * messages arrive with rising keys, send times and log offsets, and receives set rising
 * visibility deadlines. Any other member goes into a binary heap. The smallest member is the smaller of the run's
 * first and the heap's top, and taking either out of the run costs O(1) where the heap's
 * sift-down walks its whole depth: in a drain of a million-message backlog three of those walks
 * per message (ready, retention and body order) were the largest JavaScript entry of the profile
 * (docs/benchmarks/analysis.md, section 1.13). A member removed from the middle of the run
 * leaves a gap, and the run is compacted before its gaps outnumber its live members by more
 * than runGapsMin, so it holds at most about twice its members.
 */
export class IndexedMinHeap {
  #heapSize = 0;
  #entries = new Int32Array(initialEntryCapacity);
  /** The ordered run: [#runStart, #runEnd) of it, both ends live, gaps hold `none`. */
  #run = new Int32Array(initialEntryCapacity);
  #runStart = 0;
  #runEnd = 0;
  #runLive = 0;
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

  /** How many members there are. */
  get size(): number {
    return this.#heapSize + this.#runLive;
  }

  /** Entries the run's array spans, gaps included (what the run's bound is about). */
  get runSpan(): number {
    return this.#runEnd - this.#runStart;
  }

  /** The smallest member, or -1 when empty. */
  peek(): number {
    const first = this.#runLive === 0 ? none : this.#run[this.#runStart]!;
    if (this.#heapSize === 0) return first;
    const top = this.#entries[0]!;
    return first !== none && this.#less(first, top) ? first : top;
  }

  priorityOf(item: number): number {
    const delta = this.#delta;
    return this.#primary[item]! + (delta === undefined ? 0 : delta[item]!);
  }

  has(item: number): boolean {
    return this.#positions[item] !== none;
  }

  push(item: number): void {
    if (this.#runLive === 0 || this.#less(this.#run[this.#runEnd - 1]!, item)) {
      this.#appendToRun(item);
    } else {
      this.#pushToHeap(item);
    }
  }

  pop(): number {
    const top = this.peek();
    this.remove(top);
    return top;
  }

  remove(item: number): void {
    const position = this.#positions[item]!;
    if (position === none) throw new Error(`item ${item} is not in the heap`);
    this.#positions[item] = none;
    if (position < 0) {
      this.#removeFromRun(-2 - position);
      return;
    }
    const lastPosition = --this.#heapSize;
    if (position === lastPosition) return;
    const last = this.#entries[lastPosition]!;
    if (position > 0 && this.#less(last, this.#entries[(position - 1) >> 1]!)) {
      this.#entries[position] = last;
      this.#positions[last] = position;
      this.#siftUp(position);
    } else {
      this.#sinkHole(position, last);
    }
  }

  /** Re-establishes order after `item`'s priority changed. */
  update(item: number): void {
    const position = this.#positions[item]!;
    if (position >= 0) {
      this.#restore(position);
      return;
    }
    if (position === none) throw new Error(`item ${item} is not in the heap`);
    // A run member whose priority changed may no longer sort between its neighbours: it is
    // pushed again, to the run's end if it now sorts after every member there (a body moved
    // to the log's end by compaction), else into the heap.
    this.#removeFromRun(-2 - position);
    this.push(item);
  }

  /** Forgets every member (their positions must be reset by the caller or rebuilt). */
  clear(): void {
    for (let position = 0; position < this.#heapSize; position++) {
      this.#positions[this.#entries[position]!] = none;
    }
    for (let index = this.#runStart; index < this.#runEnd; index++) {
      const item = this.#run[index]!;
      if (item !== none) this.#positions[item] = none;
    }
    this.#heapSize = 0;
    this.#runStart = this.#runEnd = this.#runLive = 0;
  }

  /** Replaces the contents by `items` in O(n) (restore from a snapshot). */
  build(items: Int32Array): void {
    this.clear();
    if (items.length > this.#entries.length) this.#entries = new Int32Array(items.length);
    this.#entries.set(items);
    this.#heapSize = items.length;
    for (let position = 0; position < items.length; position++) {
      this.#positions[items[position]!] = position;
    }
    for (let position = (this.#heapSize >> 1) - 1; position >= 0; position--) {
      this.#siftDown(position);
    }
  }

  /**
   * How many members have a priority below `limit`, counting at most `countMax`. The run is
   * counted from its start until a member at or past the limit; the heap by a depth-first walk
   * that turns back at every member at or past the limit, since heap order puts its whole
   * subtree there too: one comparison per member counted, where visitInOrder orders them.
   */
  countBelow(limit: number, countMax: number): number {
    if (countMax <= 0) return 0;
    let count = 0;
    const run = this.#run;
    for (let index = this.#runStart; index < this.#runEnd; index++) {
      const item = run[index]!;
      if (item === none) continue;
      if (this.priorityOf(item) >= limit) break;
      count += 1;
      if (count >= countMax) return count;
    }
    if (this.#heapSize === 0) return count;
    const entries = this.#entries;
    const pending = [0];
    while (pending.length > 0) {
      const position = pending.pop()!;
      if (this.priorityOf(entries[position]!) >= limit) continue;
      count += 1;
      if (count >= countMax) return count;
      const child = 2 * position + 1;
      if (child < this.#heapSize) pending.push(child);
      if (child + 1 < this.#heapSize) pending.push(child + 1);
    }
    return count;
  }

  /**
   * Calls `visit` for every member whose priority is below `limit`, smallest first, until it
   * returns false. Costs O(k log k) for k visited members of the heap, however big it is, and
   * O(k) for the run's, gaps included. `visit` must not change the heap.
   */
  visitInOrder(limit: number, visit: (item: number) => boolean): void {
    const run = this.#run;
    const runEnd = this.#runEnd;
    let index = this.#runStart;
    const frontier = new IndexedFrontier(this);
    if (this.#heapSize > 0) frontier.add(0);
    for (;;) {
      while (index < runEnd && run[index] === none) index++;
      const fromRun = index < runEnd ? run[index]! : none;
      const position = frontier.length > 0 ? frontier.peekSmallest() : none;
      const fromHeap = position === none ? none : this.#entries[position]!;
      if (fromRun === none && fromHeap === none) return;
      const takeRun = fromHeap === none || (fromRun !== none && this.#less(fromRun, fromHeap));
      const item = takeRun ? fromRun : fromHeap;
      if (this.priorityOf(item) >= limit || !visit(item)) return;
      if (takeRun) {
        index++;
      } else {
        frontier.popSmallest();
        const child = 2 * position + 1;
        if (child < this.#heapSize) frontier.add(child);
        if (child + 1 < this.#heapSize) frontier.add(child + 1);
      }
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

  #appendToRun(item: number): void {
    if (this.#runEnd === this.#run.length) {
      if (this.#runLive <= this.#run.length >> 1) {
        this.#compactRun();
      } else {
        const grown = new Int32Array(this.#run.length * 2);
        grown.set(this.#run);
        this.#run = grown;
      }
    }
    const index = this.#runEnd++;
    this.#run[index] = item;
    this.#positions[item] = -2 - index;
    this.#runLive += 1;
  }

  /** Takes the member at `index` out of the run (its position is the caller's to reset). */
  #removeFromRun(index: number): void {
    const run = this.#run;
    run[index] = none;
    this.#runLive -= 1;
    if (this.#runLive === 0) {
      this.#runStart = this.#runEnd = 0;
    } else if (index === this.#runStart) {
      let start = index + 1;
      while (run[start] === none) start++;
      this.#runStart = start;
    } else if (index === this.#runEnd - 1) {
      let end = index;
      while (run[end - 1] === none) end--;
      this.#runEnd = end;
    } else if (this.#runEnd - this.#runStart > 2 * this.#runLive + runGapsMin) {
      this.#compactRun();
    }
  }

  /** Moves the run's live members to the start of its array, in order, without gaps. */
  #compactRun(): void {
    const run = this.#run;
    const positions = this.#positions;
    let to = 0;
    for (let index = this.#runStart; index < this.#runEnd; index++) {
      const item = run[index]!;
      if (item === none) continue;
      run[to] = item;
      positions[item] = -2 - to;
      to++;
    }
    this.#runStart = 0;
    this.#runEnd = to;
  }

  #pushToHeap(item: number): void {
    if (this.#heapSize === this.#entries.length) {
      const grown = new Int32Array(this.#entries.length * 2);
      grown.set(this.#entries);
      this.#entries = grown;
    }
    const position = this.#heapSize++;
    this.#entries[position] = item;
    this.#positions[item] = position;
    this.#siftUp(position);
  }

  #restore(position: number): void {
    if (position > 0 && this.#less(this.#entries[position]!, this.#entries[(position - 1) >> 1]!)) {
      this.#siftUp(position);
    } else {
      this.#siftDown(position);
    }
  }

  #siftUp(start: number): void {
    this.#rise(start, this.#entries[start]!, 0);
  }

  /**
   * Puts `item` into the hole at `hole`, first moving it up past every parent it sorts before,
   * but not above position `top`.
   */
  #rise(hole: number, item: number, top: number): void {
    const entries = this.#entries;
    const positions = this.#positions;
    let position = hole;
    while (position > top) {
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

  /**
   * Fills the hole at `start` with `item`, which sorts at or after the hole's parent: the hole
   * moves down along the smaller children to a leaf (one comparison per level), then `item` rises
   * from there. A removal's replacement comes from the heap's last leaf and nearly always
   * belongs near the bottom again, so this takes about half the comparisons of sifting it down
   * (two per level): taking the smallest of 400,000 members went from about 145 to 120 ns.
   */
  #sinkHole(start: number, item: number): void {
    const entries = this.#entries;
    const positions = this.#positions;
    let position = start;
    for (let child = this.#smallerChild(position); child !== none;) {
      const smallest = entries[child]!;
      entries[position] = smallest;
      positions[smallest] = position;
      position = child;
      child = this.#smallerChild(position);
    }
    this.#rise(position, item, start);
  }

  #siftDown(start: number): void {
    const entries = this.#entries;
    const positions = this.#positions;
    const item = entries[start]!;
    let position = start;
    for (let child = this.#smallerChild(position); child !== none;) {
      const smallest = entries[child]!;
      if (!this.#less(smallest, item)) break;
      entries[position] = smallest;
      positions[smallest] = position;
      position = child;
      child = this.#smallerChild(position);
    }
    entries[position] = item;
    positions[item] = position;
  }

  /** The heap position of the smaller child of `position`, or -1 for a leaf. */
  #smallerChild(position: number): number {
    const child = 2 * position + 1;
    const size = this.#heapSize;
    if (child >= size) return none;
    const entries = this.#entries;
    return child + 1 < size && this.#less(entries[child + 1]!, entries[child]!) ? child + 1 : child;
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

  /** The heap position at the front; only while length > 0. */
  peekSmallest(): number {
    return this.#positions[0]!;
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
