import { sqsLimits } from '@sluice/core';
import { ExpiringRecords } from './expiring-records.js';

/** One message of a remembered receive: enough to check that it is unchanged since. */
export interface AttemptMessage {
  readonly slot: number;
  readonly key: number;
  readonly receiveNumber: number;
}

export interface ReceiveAttempt {
  readonly expiresAtMs: number;
  readonly messages: readonly AttemptMessage[];
}

/**
 * FIFO ReceiveRequestAttemptId records: "You can use ReceiveRequestAttemptId only for 5 minutes
 * after a ReceiveMessage action" and a retry returns the same messages and receipt handles "if
 * none of the messages have been modified (deleted or had their visibility changes)"
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
 * Only receives that returned messages are remembered: retrying an empty one is a fresh receive.
 * Bounded by sqsLimits.receiveRequestAttemptCountMax, oldest forgotten first.
 */
export class ReceiveAttempts {
  readonly #attempts = new ExpiringRecords<ReceiveAttempt>();

  get size(): number {
    return this.#attempts.size;
  }

  find(attemptId: string, nowMs: number): ReceiveAttempt | undefined {
    return this.#attempts.find(attemptId, nowMs);
  }

  record(attemptId: string, attempt: ReceiveAttempt): void {
    if (this.#attempts.size >= sqsLimits.receiveRequestAttemptCountMax) {
      this.#attempts.forgetOldest();
    }
    this.#attempts.record(attemptId, attempt);
  }

  expire(nowMs: number): void {
    this.#attempts.expire(nowMs);
  }

  clear(): void {
    this.#attempts.clear();
  }

  /** In insertion (= expiry) order. */
  entries(): IterableIterator<[string, ReceiveAttempt]> {
    return this.#attempts.entries();
  }
}
