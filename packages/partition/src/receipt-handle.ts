import { createHmac, timingSafeEqual } from 'node:crypto';
import { partitionDefaults } from './partition-options.js';

/**
 * Receipt handles are opaque to clients and unforgeable: they name the queue, the message's slot
 * and key (the offset of its Send record) and which receive produced them, sealed with an
 * HMAC-SHA256 (truncated to 128 bits) under a per-data-directory secret (DESIGN §2).
 */
export interface ReceiptFields {
  readonly queueId: number;
  readonly slot: number;
  readonly key: number;
  readonly receiveNumber: number;
}

const version = 1;
const fieldsBytes = 1 + 4 + 4 + 8 + 4;
const macBytes = 16;
const handleBytes = fieldsBytes + macBytes;

export class ReceiptHandleCodec {
  readonly #secret: Buffer;
  /**
   * Handles this codec made recently, with their fields: a handle found here is one it issued,
   * so it decodes to these fields without recomputing the HMAC. Bounded by issuedCacheCountMax;
   * #issuedOrder decides what is evicted.
   */
  readonly #issued = new Map<string, ReceiptFields>();
  /** The cached handles in issue order, as a ring; #issuedNext is the slot to overwrite. */
  readonly #issuedOrder: (string | undefined)[] = [];
  #issuedNext = 0;

  constructor(
    secret: Buffer,
    readonly issuedCacheCountMax: number = partitionDefaults.issuedReceiptCacheCountMax,
  ) {
    if (secret.length < 32) throw new RangeError('the receipt secret must be at least 32 bytes');
    this.#secret = secret;
  }

  /** Whether this handle is one of the remembered recently issued ones. */
  remembers(handle: string): boolean {
    return this.#issued.has(handle);
  }

  /** How many issued handles are remembered now (at most issuedCacheCountMax). */
  get issuedCacheSize(): number {
    return this.#issued.size;
  }

  encode(fields: ReceiptFields): string {
    const buffer = Buffer.allocUnsafe(handleBytes);
    buffer.writeUInt8(version, 0);
    buffer.writeUInt32BE(fields.queueId, 1);
    buffer.writeUInt32BE(fields.slot, 5);
    buffer.writeDoubleBE(fields.key, 9);
    buffer.writeUInt32BE(fields.receiveNumber, 17);
    this.#mac(buffer.subarray(0, fieldsBytes)).copy(buffer, fieldsBytes);
    const handle = buffer.toString('base64url');
    this.#remember(handle, fields);
    return handle;
  }

  /** The fields of a genuine handle, or undefined for anything else (forged, truncated, garbage). */
  decode(handle: string): ReceiptFields | undefined {
    const issued = this.#issued.get(handle);
    if (issued !== undefined) return issued;
    if (handle.length !== Math.ceil((handleBytes * 4) / 3)) return undefined;
    const buffer = Buffer.from(handle, 'base64url');
    if (buffer.length !== handleBytes || buffer.readUInt8(0) !== version) return undefined;
    // base64url's last character carries unused bits; only the canonical spelling is genuine.
    if (buffer.toString('base64url') !== handle) return undefined;
    const expected = this.#mac(buffer.subarray(0, fieldsBytes));
    if (!timingSafeEqual(expected, buffer.subarray(fieldsBytes))) return undefined;
    const key = buffer.readDoubleBE(9);
    if (!Number.isSafeInteger(key) || key < 0) return undefined;
    return {
      queueId: buffer.readUInt32BE(1),
      slot: buffer.readUInt32BE(5),
      key,
      receiveNumber: buffer.readUInt32BE(17),
    };
  }

  #remember(handle: string, fields: ReceiptFields): void {
    if (this.issuedCacheCountMax <= 0) return;
    // Evict by a ring of the handles in issue order, not through the map's iterator: V8 leaves
    // deleted entries at the front of a Map, and keys().next() walks past all of them, so
    // evicting the oldest that way cost O(cache size) per handle once the cache was full.
    const evicted = this.#issuedOrder[this.#issuedNext];
    if (evicted !== undefined) this.#issued.delete(evicted);
    this.#issuedOrder[this.#issuedNext] = handle;
    this.#issuedNext = (this.#issuedNext + 1) % this.issuedCacheCountMax;
    this.#issued.set(handle, {
      queueId: fields.queueId,
      slot: fields.slot,
      key: fields.key,
      receiveNumber: fields.receiveNumber,
    });
  }

  #mac(fields: Buffer): Buffer {
    return createHmac('sha256', this.#secret).update(fields).digest().subarray(0, macBytes);
  }
}
