import { statfs } from 'node:fs/promises';

/**
 * Free space on the data directory's file system, sampled once a second (never on the request
 * path). Below the watermark, sends are refused so that receives and deletes, which free space,
 * keep working.
 */
export class DiskWatermark {
  #freeBytes = Number.POSITIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly directory: string,
    readonly freeBytesMin: number,
    readonly sampleIntervalMs: number,
  ) {}

  get freeBytes(): number {
    return this.#freeBytes;
  }

  get isBelow(): boolean {
    return this.#freeBytes < this.freeBytesMin;
  }

  async start(): Promise<void> {
    await this.sample();
    this.#timer = setInterval(() => void this.sample(), this.sampleIntervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async sample(): Promise<void> {
    try {
      const stats = await statfs(this.directory);
      this.#freeBytes = stats.bavail * stats.bsize;
    } catch {
      // A failed sample keeps the last value; the log's own write errors are fatal anyway.
    }
  }
}
