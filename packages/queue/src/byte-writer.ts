const initialBytes = 256;

/** Appends little-endian fields to a growing buffer (small snapshot sections, digests). */
export class ByteWriter {
  #buffer = Buffer.allocUnsafe(initialBytes);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  u8(value: number): void {
    this.#reserve(1);
    this.#buffer.writeUInt8(value, this.#length);
    this.#length += 1;
  }

  u16(value: number): void {
    this.#reserve(2);
    this.#buffer.writeUInt16LE(value, this.#length);
    this.#length += 2;
  }

  u32(value: number): void {
    this.#reserve(4);
    this.#buffer.writeUInt32LE(value, this.#length);
    this.#length += 4;
  }

  i32(value: number): void {
    this.#reserve(4);
    this.#buffer.writeInt32LE(value, this.#length);
    this.#length += 4;
  }

  f64(value: number): void {
    this.#reserve(8);
    this.#buffer.writeDoubleLE(value, this.#length);
    this.#length += 8;
  }

  /** u32 byte length, then UTF-8. */
  string(value: string): void {
    const bytes = Buffer.byteLength(value, 'utf8');
    this.u32(bytes);
    this.#reserve(bytes);
    this.#buffer.write(value, this.#length, 'utf8');
    this.#length += bytes;
  }

  /** Hands the bytes written so far to `consume` (valid only during the call), and starts over. */
  drain(consume: (bytes: Buffer) => void): void {
    consume(this.#buffer.subarray(0, this.#length));
    this.#length = 0;
  }

  /** The bytes written so far (a copy owned by the caller), and starts over. */
  take(): Buffer {
    const taken = Buffer.from(this.#buffer.subarray(0, this.#length));
    this.#length = 0;
    return taken;
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#length + bytes));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}
