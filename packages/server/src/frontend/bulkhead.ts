import { SqsError } from '@sluice/protocol';

/**
 * A bounded pool of concurrent requests with a bounded waiting line (the bulkhead pattern from the
 * seeds): admin and metadata requests run in one, message requests in another, so a flood of one
 * kind cannot starve the other. A request that finds both the pool and the line full is refused at
 * once with a retryable error, never queued without limit.
 */
export class Bulkhead {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  #rejected = 0;

  constructor(
    readonly name: string,
    readonly concurrencyMax: number,
    readonly queueMax: number,
  ) {}

  get runningCount(): number {
    return this.#running;
  }

  get waitingCount(): number {
    return this.#waiting.length;
  }

  get rejectedCount(): number {
    return this.#rejected;
  }

  async run<Result>(work: () => Promise<Result>): Promise<Result> {
    if (this.#running >= this.concurrencyMax) {
      if (this.#waiting.length >= this.queueMax) {
        this.#rejected += 1;
        throw new SqsError(
          'ServiceUnavailable',
          `Too many ${this.name} requests in progress; retry shortly.`,
        );
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter; only when none waits is it released.
      if (next === undefined) this.#running -= 1;
      else next();
    }
  }
}
