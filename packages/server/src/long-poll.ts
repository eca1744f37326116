import { serverLimits } from './server-limits.js';

/** A long poll that could not be admitted: too many are already waiting. */
export class TooManyWaitersError extends Error {
  readonly code = 'TooManyWaiters';
}

/**
 * The request a long poll answers: the wait ends early when its client goes away. The HTTP
 * exchange itself, not an AbortSignal: an AbortController for each waiting request was the
 * largest source of objects promoted to the old generation under a 5,000 msg/s send and
 * receive load (docs/benchmarks/analysis.md, section 1.10).
 */
export interface WaitingClient {
  /** The client has gone away already (or its answer is written). */
  readonly finished: boolean;
  /** Calls listener once if the client goes away before its answer is written. */
  onAbort(listener: () => void): void;
}

interface Waiter<Result> {
  readonly attempt: () => Promise<Result | undefined>;
  readonly finish: (result: Result | undefined) => void;
}

interface QueueWaiters<Result> {
  readonly waiters: Set<Waiter<Result>>;
  draining: boolean;
  /** A notification arrived while draining: drain once more when done. */
  notifiedAgain: boolean;
  wakeTimer: NodeJS.Timeout | undefined;
  wakeAtMs: number;
}

/**
 * Long polling (ReceiveMessage with WaitTimeSeconds > 0). A waiting request costs one Set entry
 * and one timer; nothing polls. When a queue may have messages (a send, a visibility change, a
 * scheduled wake-up for delayed or returning messages), its waiters are tried in arrival order,
 * one at a time, and the drain stops at the first waiter that finds nothing, so a single message
 * wakes one request rather than all of them.
 */
export class LongPollWaiters<Result> {
  readonly #queues = new Map<number, QueueWaiters<Result>>();
  #count = 0;

  constructor(readonly waiterCountMax: number = serverLimits.longPollWaiterCountMax) {}

  get waiterCount(): number {
    return this.#count;
  }

  /**
   * Waits until `attempt` returns a result, `timeoutMs` passes (resolves undefined) or the
   * client goes away (resolves undefined without another attempt).
   */
  wait(
    queueId: number,
    timeoutMs: number,
    client: WaitingClient,
    attempt: () => Promise<Result | undefined>,
  ): Promise<Result | undefined> {
    if (this.#count >= this.waiterCountMax) {
      return Promise.reject(new TooManyWaitersError('too many long polls are waiting'));
    }
    if (client.finished) return Promise.resolve(undefined);
    const queue = this.#queue(queueId);
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: Result | undefined): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (queue.waiters.delete(waiter)) this.#count -= 1;
        this.#forgetIfIdle(queueId, queue);
        resolve(result);
      };
      const waiter: Waiter<Result> = { attempt, finish };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      // A disconnect after the wait ended finds `done` set and changes nothing.
      client.onAbort(() => finish(undefined));
      queue.waiters.add(waiter);
      this.#count += 1;
    });
  }

  /** Messages may have become receivable on this queue. */
  notify(queueId: number): void {
    const queue = this.#queues.get(queueId);
    if (queue === undefined || queue.waiters.size === 0) return;
    if (queue.draining) {
      queue.notifiedAgain = true;
      return;
    }
    void this.#drain(queueId, queue);
  }

  /** Something becomes receivable at `atMs` (wall clock): delayed messages, expiring visibility. */
  scheduleWake(queueId: number, atMs: number, nowMs: number): void {
    const queue = this.#queues.get(queueId);
    if (queue === undefined || queue.waiters.size === 0) return;
    if (queue.wakeTimer !== undefined && queue.wakeAtMs <= atMs) return;
    clearTimeout(queue.wakeTimer);
    queue.wakeAtMs = atMs;
    queue.wakeTimer = setTimeout(
      () => {
        queue.wakeTimer = undefined;
        queue.wakeAtMs = Infinity;
        this.notify(queueId);
      },
      Math.max(0, atMs - nowMs),
    );
  }

  /** Ends every waiter now with an empty result (shutdown, queue deleted). */
  releaseAll(queueId?: number): void {
    for (const [id, queue] of this.#queues) {
      if (queueId !== undefined && id !== queueId) continue;
      for (const waiter of [...queue.waiters]) waiter.finish(undefined);
    }
  }

  async #drain(queueId: number, queue: QueueWaiters<Result>): Promise<void> {
    queue.draining = true;
    try {
      do {
        queue.notifiedAgain = false;
        for (const waiter of [...queue.waiters]) {
          if (!queue.waiters.has(waiter)) continue;
          let result: Result | undefined;
          try {
            result = await waiter.attempt();
          } catch {
            // The attempt's own error path answered the client; end this waiter quietly.
            waiter.finish(undefined);
            continue;
          }
          if (result === undefined) break;
          waiter.finish(result);
        }
      } while (queue.notifiedAgain && queue.waiters.size > 0);
    } finally {
      queue.draining = false;
      this.#forgetIfIdle(queueId, queue);
    }
  }

  #queue(queueId: number): QueueWaiters<Result> {
    let queue = this.#queues.get(queueId);
    if (queue === undefined) {
      queue = {
        waiters: new Set(),
        draining: false,
        notifiedAgain: false,
        wakeTimer: undefined,
        wakeAtMs: Infinity,
      };
      this.#queues.set(queueId, queue);
    }
    return queue;
  }

  #forgetIfIdle(queueId: number, queue: QueueWaiters<Result>): void {
    if (queue.waiters.size > 0 || queue.draining) return;
    clearTimeout(queue.wakeTimer);
    this.#queues.delete(queueId);
  }
}
