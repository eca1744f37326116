/**
 * Time is injected, never read from globals, so that the queue state machine and the tests
 * are deterministic (STYLE.md "Determinism"). Only this module reads the real clocks.
 */
export interface Clock {
  /** Wall-clock time in milliseconds since the Unix epoch. Stamped into commands by the leader. */
  nowMs(): number;
  /** Monotonic time in milliseconds, for measuring durations and leases. Never goes backwards. */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  monotonicMs: () => performance.now(),
};

/** A clock that moves only when told to: for tests of anything time-dependent. */
export class ManualClock implements Clock {
  #wallMs: number;
  #monotonicMs = 0;

  constructor(startWallMs = 1_700_000_000_000) {
    this.#wallMs = startWallMs;
  }

  nowMs(): number {
    return this.#wallMs;
  }

  monotonicMs(): number {
    return this.#monotonicMs;
  }

  advance(durationMs: number): void {
    if (!(durationMs >= 0)) throw new RangeError(`cannot move a clock backwards (${durationMs})`);
    this.#wallMs += durationMs;
    this.#monotonicMs += durationMs;
  }
}
