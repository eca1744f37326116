import { messageState, neverMs, none } from './message-state.js';

/** An arrival delta too large for 32 bits: the arrival is in farArrivals. */
export const farDelta = 0xffff_ffff;
/** Initial slots: small, so that thousands of idle queues in one partition cost little. */
const initialCapacity = 1024;

/**
 * Every message of a queue as a struct of arrays indexed by slot (no object per message: the
 * heap budget is 150 bytes per queued message, indexes included). Arrays double when full.
 * Slots are reused through a LIFO free list threaded through `next`; slot numbers are part of
 * the state (receipts name them), so allocation order is deterministic and snapshotted.
 *
 * Times after `sentAtMs` are stored as Int32 deltas from it: every live message is younger
 * than the 14-day retention maximum (expired messages are removed as time advances), so a delta
 * is below 14 days + 12 hours + 15 minutes, far inside 2^31 ms.
 */
export class MessageTable {
  capacity = 0;
  /** Slots below this have been used at least once; slots above are implicitly free. */
  highWater = 0;
  liveCount = 0;
  /** Sum of bodyBytes over live slots: the queue's byte depth, for back pressure. */
  liveBytes = 0;
  freeHead: number = none;

  key = new Float64Array(0);
  /**
   * Where the message arrived in this queue, as arrivalOf() reads it: the offset of its send
   * (delta 0), or of the move that brought it (a move keeps the key, so a message that leaves
   * and comes back has the same key twice). Receipts name the arrival, so a receipt from an
   * earlier stay never matches. Kept as a 4-byte delta from the key; the rare delta that does
   * not fit (a move over 4 billion records after the send) is farDelta, its arrival in
   * farArrivals.
   */
  arrivalDelta = new Uint32Array(0);
  readonly farArrivals = new Map<number, number>();
  bodyOffset = new Float64Array(0);
  sentAtMs = new Float64Array(0);
  /** Delayed: availableAt - sentAt. In flight: visibility deadline - sentAt. */
  dueDeltaMs = new Int32Array(0);
  firstReceiveDeltaMs = new Int32Array(0);
  /** The receive that issued the current receipt; bounds ChangeMessageVisibility to 12 hours. */
  receiveDeltaMs = new Int32Array(0);
  receiveCount = new Uint32Array(0);
  /** The message's size as SQS counts it (body plus attributes). */
  bodyBytes = new Uint32Array(0);
  state = new Uint8Array(0);
  /** 1 once ChangeMessageVisibility touched the current receive (ReceiveRequestAttemptId). */
  visibilityChanged = new Uint8Array(0);
  /** Free list, and the FIFO group list (arrival order). */
  next = new Int32Array(0);
  /** FIFO only (empty on standard queues): the group list's back links and group index. */
  previous = new Int32Array(0);
  group = new Int32Array(0);
  /** Position in the ready heap (visible) or the due heap (delayed, in flight). */
  queuePosition = new Int32Array(0);
  retentionPosition = new Int32Array(0);
  bodyPosition = new Int32Array(0);

  /** Called after the arrays were replaced, so that heaps and indexes rebind to them. */
  onGrow: () => void = () => {};

  constructor(
    readonly fifo: boolean,
    capacity = initialCapacity,
  ) {
    this.resize(capacity);
  }

  /** A free slot (from the free list first, then fresh ones), growing the arrays if needed. */
  /** Records a live slot's size (once, right after allocate). */
  setBodyBytes(slot: number, bytes: number): void {
    this.bodyBytes[slot] = bytes;
    this.liveBytes += bytes;
  }

  allocate(): number {
    let slot = this.freeHead;
    if (slot !== none) {
      this.freeHead = this.next[slot]!;
    } else {
      if (this.highWater === this.capacity) {
        this.resize(this.capacity * 2);
        this.onGrow();
      }
      slot = this.highWater++;
    }
    this.liveCount++;
    this.next[slot] = none;
    this.visibilityChanged[slot] = 0;
    this.firstReceiveDeltaMs[slot] = neverMs;
    this.receiveDeltaMs[slot] = neverMs;
    return slot;
  }

  release(slot: number): void {
    if (this.arrivalDelta[slot] === farDelta) this.farArrivals.delete(slot);
    this.state[slot] = messageState.free;
    this.liveBytes -= this.bodyBytes[slot]!;
    this.bodyBytes[slot] = 0;
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
    this.liveCount--;
  }

  /** Records where a live slot's message arrived (after its key is set). */
  setArrival(slot: number, arrival: number): void {
    const delta = arrival - this.key[slot]!;
    if (delta < farDelta) {
      this.arrivalDelta[slot] = delta;
    } else {
      this.arrivalDelta[slot] = farDelta;
      this.farArrivals.set(slot, arrival);
    }
  }

  arrivalOf(slot: number): number {
    const delta = this.arrivalDelta[slot]!;
    return delta === farDelta ? this.farArrivals.get(slot)! : this.key[slot]! + delta;
  }

  isLive(slot: number): boolean {
    return slot >= 0 && slot < this.highWater && this.state[slot] !== messageState.free;
  }

  dueAtMs(slot: number): number {
    return this.sentAtMs[slot]! + this.dueDeltaMs[slot]!;
  }

  /** Replaces every array by one of `capacity` slots, keeping the first `highWater` entries. */
  resize(capacity: number): void {
    this.key = grow(this.key, capacity);
    this.arrivalDelta = grow(this.arrivalDelta, capacity);
    this.bodyOffset = grow(this.bodyOffset, capacity);
    this.sentAtMs = grow(this.sentAtMs, capacity);
    this.dueDeltaMs = grow(this.dueDeltaMs, capacity);
    this.firstReceiveDeltaMs = grow(this.firstReceiveDeltaMs, capacity);
    this.receiveDeltaMs = grow(this.receiveDeltaMs, capacity);
    this.receiveCount = grow(this.receiveCount, capacity);
    this.bodyBytes = grow(this.bodyBytes, capacity);
    this.state = grow(this.state, capacity);
    this.visibilityChanged = grow(this.visibilityChanged, capacity);
    this.next = grow(this.next, capacity);
    if (this.fifo) {
      this.previous = grow(this.previous, capacity);
      this.group = grow(this.group, capacity);
    }
    this.queuePosition = grow(this.queuePosition, capacity, none);
    this.retentionPosition = grow(this.retentionPosition, capacity, none);
    this.bodyPosition = grow(this.bodyPosition, capacity, none);
    this.capacity = capacity;
  }
}

type NumberArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

function grow<Array extends NumberArray>(array: Array, capacity: number, fill = 0): Array {
  const Constructor = array.constructor as new (length: number) => Array;
  const grown = new Constructor(capacity);
  grown.set(array.subarray(0, Math.min(array.length, capacity)));
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}
