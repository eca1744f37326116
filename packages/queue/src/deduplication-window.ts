import { ExpiringRecords } from './expiring-records.js';

export interface DeduplicationEntry {
  /** The original message's id, returned for every duplicate. */
  readonly messageId: string;
  readonly key: number;
  readonly expiresAtMs: number;
}

/**
 * FIFO deduplication: a MessageDeduplicationId seen within 5 minutes makes a send a duplicate,
 * even after the original was received and deleted ("Amazon SQS continues tracking the
 * deduplication ID even after the message has been received and deleted",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-key-terms.html).
 * The window counts from the first send; duplicates do not extend it. Entries are inserted as
 * time moves forward with a fixed window, so insertion order is expiry order.
 */
export class DeduplicationWindow {
  readonly #entries = new ExpiringRecords<DeduplicationEntry>();

  /** With scope `messageGroup` the same id in two groups names two messages. */
  static keyOf(scope: 'queue' | 'messageGroup', groupId: string, deduplicationId: string): string {
    return scope === 'queue' ? deduplicationId : `${groupId}\u0000${deduplicationId}`;
  }

  get size(): number {
    return this.#entries.size;
  }

  find(deduplicationKey: string, nowMs: number): DeduplicationEntry | undefined {
    return this.#entries.find(deduplicationKey, nowMs);
  }

  record(deduplicationKey: string, entry: DeduplicationEntry): void {
    this.#entries.record(deduplicationKey, entry);
  }

  expire(nowMs: number): void {
    this.#entries.expire(nowMs);
  }

  /** In insertion (= expiry) order. */
  entries(): IterableIterator<[string, DeduplicationEntry]> {
    return this.#entries.entries();
  }
}
