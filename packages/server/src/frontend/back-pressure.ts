import { SqsError } from '@sluice/protocol';
import type { QueueCounters } from '@sluice/partition';
import type { DiskWatermark } from './disk-watermark.js';

export interface DepthLimits {
  readonly messagesMax: number;
  readonly bytesMax: number;
}

/**
 * Back pressure (DESIGN §5): a queue past its maximum depth, or a disk below its free-space
 * watermark, refuses sends with a retryable error while receives and deletes keep working, so
 * consumers can drain it. Rejections are counted per queue for status and metrics.
 */
export class BackPressure {
  readonly #rejectedByQueue = new Map<number, number>();

  constructor(
    readonly limits: DepthLimits,
    readonly disk: DiskWatermark | undefined,
  ) {}

  /** Throws if `count` more messages of `bytes` in total may not be sent to this queue now. */
  check(
    queueId: number,
    queueName: string,
    counters: QueueCounters,
    count: number,
    bytes: number,
  ): void {
    let reason: string | undefined;
    if (this.disk?.isBelow === true) {
      reason = `the server's disk has less than ${this.disk.freeBytesMin} bytes free`;
    } else if (
      counters.visible + counters.inflight + counters.delayed + count >
      this.limits.messagesMax
    ) {
      reason = `queue ${queueName} holds its maximum of ${this.limits.messagesMax} messages`;
    } else if (counters.bytes + bytes > this.limits.bytesMax) {
      reason = `queue ${queueName} holds its maximum of ${this.limits.bytesMax} bytes`;
    }
    if (reason === undefined) return;
    this.#rejectedByQueue.set(queueId, (this.#rejectedByQueue.get(queueId) ?? 0) + count);
    throw new SqsError(
      'ThrottlingException',
      `Send refused: ${reason}. Receive and delete to drain it, then retry.`,
    );
  }

  rejectedCount(queueId: number): number {
    return this.#rejectedByQueue.get(queueId) ?? 0;
  }
}
