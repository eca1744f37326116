import type { Clock } from '@sluice/core';

/**
 * Token buckets by key (an access key, a queue): each holds up to `burst` tokens and refills at
 * `ratePerSecond`. A request takes one token or is throttled. The number of keys tracked is
 * bounded; past it, the least recently used key is forgotten (it starts again with a full bucket,
 * which errs on the side of serving).
 */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    readonly clock: Clock,
    readonly keyCountMax: number,
  ) {}

  get enabled(): boolean {
    return this.ratePerSecond > 0;
  }

  /** Takes a token for `key`; false when the bucket is empty (throttle the request). */
  take(key: string): boolean {
    if (!this.enabled) return true;
    const nowMs = this.clock.monotonicMs();
    const capacity = Math.max(1, this.burst);
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= this.keyCountMax) {
        const oldest = this.#buckets.keys().next().value as string;
        this.#buckets.delete(oldest);
      }
      bucket = { tokens: capacity, updatedMs: nowMs };
    } else {
      this.#buckets.delete(key); // re-inserted below: Map order is recency order
      const refill = ((nowMs - bucket.updatedMs) / 1000) * this.ratePerSecond;
      bucket.tokens = Math.min(capacity, bucket.tokens + refill);
      bucket.updatedMs = nowMs;
    }
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  get trackedKeyCount(): number {
    return this.#buckets.size;
  }
}
