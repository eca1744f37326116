import { createHmac, timingSafeEqual } from 'node:crypto';
import { IssuedHandleCache } from './issued-handle-cache.js';
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
const handleCharacters = Math.ceil((handleBytes * 4) / 3);
/**
 * The one base64url spelling of handleBytes bytes: Node's decoder also takes the base64
 * alphabet and skips what it does not know, and the last character carries unused bits
 * (37 bytes leave 4, so it is one of the characters worth 0, 16, 32 or 48).
 */
const canonicalSpelling = new RegExp(`^[A-Za-z0-9_-]{${handleCharacters - 1}}[AQgw]$`);

export class ReceiptHandleCodec {
  readonly #secret: Buffer;
  /**
   * The handles this codec issued most recently, as bytes: a handle found here is one it issued,
   * so it decodes without recomputing the HMAC. Bounded by issuedCacheCountMax, oldest forgotten
   * first.
   */
  readonly #issued: IssuedHandleCache;

  constructor(
    secret: Buffer,
    readonly issuedCacheCountMax: number = partitionDefaults.issuedReceiptCacheCountMax,
  ) {
    if (secret.length < 32) throw new RangeError('the receipt secret must be at least 32 bytes');
    this.#secret = secret;
    this.#issued = new IssuedHandleCache(issuedCacheCountMax, handleBytes, fieldsBytes);
  }

  /** Whether this handle is one of the remembered recently issued ones. */
  remembers(handle: string): boolean {
    const buffer = canonicalBytes(handle);
    return buffer !== undefined && this.#issued.has(buffer);
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
    this.#issued.add(buffer);
    return buffer.toString('base64url');
  }

  /** The fields of a genuine handle, or undefined for anything else (forged, truncated, garbage). */
  decode(handle: string): ReceiptFields | undefined {
    const buffer = canonicalBytes(handle);
    if (buffer === undefined) return undefined;
    if (!this.#issued.has(buffer)) {
      const expected = this.#mac(buffer.subarray(0, fieldsBytes));
      if (!timingSafeEqual(expected, buffer.subarray(fieldsBytes))) return undefined;
    }
    const key = buffer.readDoubleBE(9);
    if (!Number.isSafeInteger(key) || key < 0) return undefined;
    return {
      queueId: buffer.readUInt32BE(1),
      slot: buffer.readUInt32BE(5),
      key,
      receiveNumber: buffer.readUInt32BE(17),
    };
  }

  #mac(fields: Buffer): Buffer {
    return createHmac('sha256', this.#secret).update(fields).digest().subarray(0, macBytes);
  }
}

/** The bytes of a handle in this version's canonical spelling, or undefined. */
function canonicalBytes(handle: string): Buffer | undefined {
  if (handle.length !== handleCharacters || !canonicalSpelling.test(handle)) return undefined;
  const buffer = Buffer.from(handle, 'base64url');
  if (buffer.length !== handleBytes || buffer.readUInt8(0) !== version) return undefined;
  return buffer;
}
