import { createHash } from 'node:crypto';
import { QueueStateMachine, type SnapshotBuffers } from '@sluice/queue';
import {
  SnapshotCorruptionError,
  listSnapshots,
  readSnapshot,
  writeSnapshot,
} from '@sluice/storage';

/** No snapshot can be used and the log no longer starts at offset 0: the state cannot be rebuilt. */
export class PartitionRecoveryError extends Error {
  readonly code = 'PartitionRecovery';
}

const magic = 0x534c5053; // "SLPS"
const version = 1;

export interface LoadedSnapshot {
  readonly offset: number;
  readonly lastNowMs: number;
  readonly queues: Map<number, QueueStateMachine>;
}

/**
 * Snapshots of every queue state machine of a partition, in one file per snapshot (the storage
 * package writes it atomically with a CRC). Layout of the first chunk: u32 magic, u32 version,
 * f64 lastNowMs, u32 queueCount, then per queue u32 queueId, u32 chunkCount and f64 per chunk
 * length; the queues' own chunks follow in that order.
 */
export class PartitionSnapshots {
  readonly #directory: string;
  #lastOffset = 0;

  constructor(directory: string) {
    this.#directory = directory;
  }

  get lastOffset(): number {
    return this.#lastOffset;
  }

  /** With buffersOf, each queue's slot arrays are copied into its (leased) buffers. */
  static encode(
    queues: ReadonlyMap<number, QueueStateMachine>,
    lastNowMs: number,
    buffersOf?: (queueId: number) => SnapshotBuffers | undefined,
  ): Uint8Array[] {
    const perQueue = [...queues].map(([queueId, queue]) => ({
      queueId,
      chunks: queue.snapshot(buffersOf?.(queueId)),
    }));
    const headerBytes =
      20 + perQueue.reduce((total, entry) => total + 8 + 8 * entry.chunks.length, 0);
    const header = Buffer.allocUnsafe(headerBytes);
    let position = header.writeUInt32LE(magic, 0);
    position = header.writeUInt32LE(version, position);
    position = header.writeDoubleLE(lastNowMs, position);
    position = header.writeUInt32LE(perQueue.length, position);
    for (const entry of perQueue) {
      position = header.writeUInt32LE(entry.queueId, position);
      position = header.writeUInt32LE(entry.chunks.length, position);
      for (const chunk of entry.chunks) position = header.writeDoubleLE(chunk.length, position);
    }
    return [header, ...perQueue.flatMap((entry) => entry.chunks)];
  }

  static decode(bytes: Buffer): { lastNowMs: number; queues: Map<number, QueueStateMachine> } {
    try {
      let position = 0;
      if (bytes.readUInt32LE(position) !== magic)
        throw new SnapshotFormatError('bad partition snapshot magic');
      position += 4;
      if (bytes.readUInt32LE(position) !== version)
        throw new SnapshotFormatError('unknown partition snapshot version');
      position += 4;
      const lastNowMs = bytes.readDoubleLE(position);
      position += 8;
      const queueCount = bytes.readUInt32LE(position);
      position += 4;
      const layout: { queueId: number; lengths: number[] }[] = [];
      for (let index = 0; index < queueCount; index++) {
        const queueId = bytes.readUInt32LE(position);
        const chunkCount = bytes.readUInt32LE(position + 4);
        position += 8;
        const lengths: number[] = [];
        for (let chunk = 0; chunk < chunkCount; chunk++) {
          lengths.push(bytes.readDoubleLE(position));
          position += 8;
        }
        layout.push({ queueId, lengths });
      }
      const queues = new Map<number, QueueStateMachine>();
      for (const { queueId, lengths } of layout) {
        const chunks: Uint8Array[] = [];
        for (const length of lengths) {
          if (!Number.isSafeInteger(length) || length < 0 || position + length > bytes.length) {
            throw new SnapshotFormatError('partition snapshot chunk runs past the end');
          }
          chunks.push(bytes.subarray(position, position + length));
          position += length;
        }
        queues.set(queueId, QueueStateMachine.restore(chunks));
      }
      if (position !== bytes.length)
        throw new SnapshotFormatError('trailing bytes after partition snapshot');
      return { lastNowMs, queues };
    } catch (error) {
      if (error instanceof SnapshotFormatError) throw error;
      throw new SnapshotFormatError(
        `partition snapshot does not decode: ${(error as Error).message}`,
      );
    }
  }

  static digest(queues: ReadonlyMap<number, QueueStateMachine>): string {
    const hash = createHash('sha256');
    for (const queueId of [...queues.keys()].sort((left, right) => left - right)) {
      hash.update(`${queueId}:${(queues.get(queueId) as QueueStateMachine).digest()};`);
    }
    return hash.digest('hex');
  }

  async write(offset: number, chunks: Uint8Array[]): Promise<void> {
    await writeSnapshot(this.#directory, offset, chunks);
    this.#lastOffset = offset;
  }

  /**
   * The newest snapshot that verifies and that the log can continue from. A damaged newest
   * snapshot falls back to an older one; with none, replay starts at offset 0, which the log must
   * still hold. Anything else cannot be recovered silently and throws.
   */
  loadNewest(logFirstOffset: number, logNextOffset: number): LoadedSnapshot {
    const failures: string[] = [];
    for (const offset of [...listSnapshots(this.#directory)].sort(
      (left: number, right: number) => right - left,
    )) {
      if (offset > logNextOffset || offset < logFirstOffset) {
        failures.push(
          `snapshot at ${offset} is outside the log (${logFirstOffset}..${logNextOffset})`,
        );
        continue;
      }
      try {
        const decoded = PartitionSnapshots.decode(readSnapshot(this.#directory, offset));
        this.#lastOffset = offset;
        return { offset, ...decoded };
      } catch (error) {
        if (!(error instanceof SnapshotCorruptionError || error instanceof SnapshotFormatError))
          throw error;
        failures.push(`snapshot at ${offset}: ${error.message}`);
      }
    }
    if (logFirstOffset > 0) {
      throw new PartitionRecoveryError(
        `no usable snapshot and the log starts at ${logFirstOffset}, not 0: ${failures.join('; ')}`,
      );
    }
    return { offset: 0, lastNowMs: 0, queues: new Map() };
  }
}

/** A snapshot file whose CRC verified but whose contents do not decode. */
export class SnapshotFormatError extends Error {
  readonly code = 'SnapshotFormat';
}
