import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AesCmac } from './aes-cmac.js';

/**
 * Receipt handles are opaque to clients and unforgeable: they name the queue, the message's slot
 * and arrival (the offset of its Send record, or of the move that brought it back into the
 * queue) and which receive produced them, sealed with a 128-bit MAC under a key derived from the
 * per-data-directory secret (DESIGN §2). The field is still called `key`: handles issued before
 * arrivals existed carry the message's key, which is the arrival of every message never moved.
 *
 * Version 2, issued now, is sealed with AES-128-CMAC, computed for a whole receive's handles at
 * once (aes-cmac.ts says why). Version 1, issued before, was sealed with HMAC-SHA256 truncated
 * to 128 bits; it is still accepted, so handles held by clients across an upgrade still delete.
 */
export interface ReceiptFields {
  readonly queueId: number;
  readonly slot: number;
  readonly key: number;
  readonly receiveNumber: number;
}

const hmacVersion = 1;
const cmacVersion = 2;
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

export type ReceiptOfQueue = Omit<ReceiptFields, 'queueId'>;

export class ReceiptHandleCodec {
  readonly #secret: Buffer;
  readonly #cmac: AesCmac;

  constructor(secret: Buffer) {
    if (secret.length < 32) throw new RangeError('the receipt secret must be at least 32 bytes');
    this.#secret = secret;
    this.#cmac = new AesCmac(
      Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'sluice receipt handle v2', 16)),
    );
  }

  encode(fields: ReceiptFields): string {
    return this.encodeEach(fields.queueId, [fields])[0]!;
  }

  /** The handles of several receipts of one queue, sealed together: one MAC pass for all. */
  encodeEach(queueId: number, receipts: readonly ReceiptOfQueue[]): string[] {
    const count = receipts.length;
    if (count === 0) return [];
    // Every handle in one buffer, its fields first, then their MACs after each: no Buffer
    // object and no copy call per handle.
    const handles = Buffer.allocUnsafe(count * handleBytes);
    for (let index = 0; index < count; index++) {
      const receipt = receipts[index]!;
      const at = index * handleBytes;
      handles[at] = cmacVersion;
      handles.writeUInt32BE(queueId, at + 1);
      handles.writeUInt32BE(receipt.slot, at + 5);
      handles.writeDoubleBE(receipt.key, at + 9);
      handles.writeUInt32BE(receipt.receiveNumber, at + 17);
    }
    const macs = this.#cmac.macEach(handles, fieldsBytes, handleBytes);
    const spelled = new Array<string>(count);
    for (let index = 0; index < count; index++) {
      const at = index * handleBytes;
      for (let byte = 0; byte < macBytes; byte++) {
        handles[at + fieldsBytes + byte] = macs[index * macBytes + byte]!;
      }
      spelled[index] = handles.toString('base64url', at, at + handleBytes);
    }
    return spelled;
  }

  /** The fields of a genuine handle, or undefined for anything else (forged, truncated, garbage). */
  decode(handle: string): ReceiptFields | undefined {
    const buffer = canonicalBytes(handle);
    if (buffer === undefined) return undefined;
    const sealed = buffer.subarray(0, fieldsBytes);
    const expected =
      buffer[0] === cmacVersion ? this.#cmac.mac(sealed) : this.#hmacVersionMac(sealed);
    if (!timingSafeEqual(expected, buffer.subarray(fieldsBytes))) return undefined;
    return fieldsAt(buffer, 0);
  }

  /**
   * decode() for several handles at once: the MACs of the version 2 handles are computed in one
   * pass (a DeleteMessageBatch), as encodeEach seals them. Ten at once cost about a quarter of
   * ten one by one (docs/benchmarks/analysis.md §1.20).
   */
  decodeEach(handles: readonly string[]): (ReceiptFields | undefined)[] {
    const results = new Array<ReceiptFields | undefined>(handles.length).fill(undefined);
    const unchecked = Buffer.allocUnsafe(handles.length * handleBytes);
    const uncheckedIndexes: number[] = [];
    handles.forEach((handle, index) => {
      const buffer = canonicalBytes(handle);
      if (buffer === undefined) return;
      if (buffer[0] !== cmacVersion) {
        results[index] = this.decode(handle);
        return;
      }
      buffer.copy(unchecked, uncheckedIndexes.length * handleBytes);
      uncheckedIndexes.push(index);
    });
    if (uncheckedIndexes.length === 0) return results;
    const sealed = unchecked.subarray(0, uncheckedIndexes.length * handleBytes);
    const macs = this.#cmac.macEach(sealed, fieldsBytes, handleBytes);
    uncheckedIndexes.forEach((index, at) => {
      const handleAt = at * handleBytes;
      // Every byte compared whatever the first difference, as timingSafeEqual does.
      let difference = 0;
      for (let byte = 0; byte < macBytes; byte++) {
        difference |= macs[at * macBytes + byte]! ^ sealed[handleAt + fieldsBytes + byte]!;
      }
      results[index] = difference === 0 ? fieldsAt(sealed, handleAt) : undefined;
    });
    return results;
  }

  /** The seal of a version 1 handle. */
  #hmacVersionMac(fields: Buffer): Buffer {
    return createHmac('sha256', this.#secret).update(fields).digest().subarray(0, macBytes);
  }
}

/**
 * The bytes of a handle of a known version in its canonical spelling, or undefined. They are
 * decoded into one scratch buffer, valid until the next call: every caller reads them at once.
 */
function canonicalBytes(handle: string): Buffer | undefined {
  if (handle.length !== handleCharacters || !canonicalSpelling.test(handle)) return undefined;
  const buffer = decoded;
  if (buffer.write(handle, 0, 'base64url') !== handleBytes) return undefined;
  if (buffer[0] !== cmacVersion && buffer[0] !== hmacVersion) return undefined;
  return buffer;
}

const decoded = Buffer.alloc(handleBytes);

/** The fields of the sealed handle at `at`, or undefined if its key is not a safe integer. */
function fieldsAt(handles: Buffer, at: number): ReceiptFields | undefined {
  const key = handles.readDoubleBE(at + 9);
  if (!Number.isSafeInteger(key) || key < 0) return undefined;
  return {
    queueId: handles.readUInt32BE(at + 1),
    slot: handles.readUInt32BE(at + 5),
    key,
    receiveNumber: handles.readUInt32BE(at + 17),
  };
}
