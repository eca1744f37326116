import { QueueSnapshotError } from './errors.js';

/**
 * Reads little-endian fields across a list of chunks, whatever their boundaries: snapshot
 * storage may hand back the bytes split differently from how they were written.
 */
export class ChunkReader {
  readonly #chunks: readonly Uint8Array[];
  #chunkIndex = 0;
  #position = 0;
  readonly #scratch = Buffer.alloc(8);

  constructor(chunks: readonly Uint8Array[]) {
    this.#chunks = chunks;
  }

  u8(): number {
    this.#fill(1);
    return this.#scratch.readUInt8(0);
  }

  u16(): number {
    this.#fill(2);
    return this.#scratch.readUInt16LE(0);
  }

  u32(): number {
    this.#fill(4);
    return this.#scratch.readUInt32LE(0);
  }

  i32(): number {
    this.#fill(4);
    return this.#scratch.readInt32LE(0);
  }

  f64(): number {
    this.#fill(8);
    return this.#scratch.readDoubleLE(0);
  }

  string(bytesMax: number): string {
    const length = this.u32();
    if (length > bytesMax)
      throw new QueueSnapshotError('invalidValue', `string of ${length} bytes`);
    const bytes = Buffer.alloc(length);
    this.into(bytes);
    return bytes.toString('utf8');
  }

  /** Fills `target` with the next target.length bytes. */
  into(target: Uint8Array): void {
    let filled = 0;
    while (filled < target.length) {
      const chunk = this.#chunks[this.#chunkIndex];
      if (chunk === undefined) throw new QueueSnapshotError('truncated', 'snapshot ends early');
      const available = chunk.length - this.#position;
      if (available === 0) {
        this.#chunkIndex++;
        this.#position = 0;
        continue;
      }
      const count = Math.min(available, target.length - filled);
      target.set(chunk.subarray(this.#position, this.#position + count), filled);
      filled += count;
      this.#position += count;
    }
  }

  /** Throws unless every byte was read. */
  expectEnd(): void {
    for (let index = this.#chunkIndex; index < this.#chunks.length; index++) {
      const unread =
        this.#chunks[index]!.length - (index === this.#chunkIndex ? this.#position : 0);
      if (unread > 0) throw new QueueSnapshotError('trailingBytes', 'bytes after the snapshot');
    }
  }

  #fill(bytes: number): void {
    this.into(this.#scratch.subarray(0, bytes));
  }
}
