/**
 * The MD5 digests SQS returns so clients can check what it stored (the AWS SDKs verify them):
 * MD5OfMessageBody, and MD5OfMessageAttributes / MD5OfMessageSystemAttributes computed with the
 * AWS algorithm: attributes sorted by name; for each, the name, the data type, one transport byte
 * (1 = String/Number, 2 = Binary, 3 = string list, 4 = binary list) and the value(s), every
 * variable-length field preceded by its UTF-8 byte length as a 4-byte big-endian integer.
 */
import { createHash, hash, type Hash } from 'node:crypto';
import { loadNativeModule } from '@sluice/core';
import type { MessageAttributeMap, MessageAttributeValue } from './input-types.js';

const transportString = 1;
const transportBinary = 2;
const transportStringList = 3;
const transportBinaryList = 4;

export function md5OfMessageBody(body: string): string {
  // The one-shot hash skips the Hash object: about twice as fast for bodies of a few KiB.
  return hash('md5', body, 'hex');
}

type Md5Lanes = (bytes: Uint8Array, spans: Uint32Array, out: Uint8Array) => void;

/**
 * The native sixteen-lane MD5 (native/md5-lanes.c, built by scripts/build-native.mjs), or
 * undefined where it was not built or the CPU has neither AVX-512 nor AVX2: then every body is
 * hashed alone.
 */
const md5LanesModule = loadNativeModule(import.meta.url, '../build/md5-lanes.node');
const md5Lanes = md5LanesModule?.['md5Lanes'] as Md5Lanes | undefined;

/** How digestBodies hashes several bodies on this machine. */
export const bodyDigestMethod: 'avx512-lanes' | 'avx2-lanes' | 'one-by-one' =
  md5Lanes === undefined
    ? 'one-by-one'
    : md5LanesModule?.['instructionSet'] === 'avx512'
      ? 'avx512-lanes'
      : 'avx2-lanes';

const lanes = 16;
/**
 * Below this many bodies one OpenSSL hash each is faster: a lane pass costs what hashing its
 * longest body alone costs about twice, whatever the number of lanes (1 KiB: 3.2 µs against 1.5
 * with AVX-512; 4.6 to 6.1 against about 2.5 with AVX2 on a slower machine).
 */
const lanesFrom = 3;
/** Scratch space kept between calls; larger batches get a buffer of their own. */
const scratchBytesKept = 256 * 1024;
/** The most UTF-8 bytes one UTF-16 code unit becomes. */
const utf8BytesPerUnitMax = 3;
let scratch = Buffer.allocUnsafe(32 * 1024);
const spans = new Uint32Array(2 * lanes);
const digests = Buffer.allocUnsafe(16 * lanes);

export interface DigestedBodies {
  /** md5OfMessageBody of each body, in order. */
  readonly md5s: string[];
  /**
   * Each body as UTF-8: views of one scratch buffer, valid until the next call, so that the
   * caller can copy them where it stores them instead of encoding each body a second time.
   */
  readonly utf8: Uint8Array[];
}

/**
 * A SendMessageBatch's bodies as UTF-8 and their MD5s: sixteen at a time where the native lanes
 * exist (a 10 x 1 KiB batch in about 4.7 µs instead of 15 with AVX-512, 5.4 to 6.7 instead of
 * 24 to 27 with AVX2 on a slower machine), one by one elsewhere.
 */
export function digestBodies(bodies: readonly string[]): DigestedBodies {
  let capacity = 0;
  for (const body of bodies) capacity += body.length * utf8BytesPerUnitMax;
  let space = scratch;
  if (capacity > space.length) {
    space = Buffer.allocUnsafe(capacity);
    if (capacity <= scratchBytesKept) scratch = space;
  }
  const utf8 = new Array<Uint8Array>(bodies.length);
  let at = 0;
  for (let index = 0; index < bodies.length; index++) {
    const written = space.write(bodies[index]!, at, 'utf8');
    utf8[index] = new Uint8Array(space.buffer, space.byteOffset + at, written);
    at += written;
  }
  const md5s = new Array<string>(bodies.length);
  if (md5Lanes === undefined || bodies.length < lanesFrom) {
    for (let index = 0; index < bodies.length; index++) {
      md5s[index] = hash('md5', utf8[index]!, 'hex');
    }
    return { md5s, utf8 };
  }
  for (let first = 0; first < bodies.length; first += lanes) {
    const count = Math.min(lanes, bodies.length - first);
    for (let index = 0; index < count; index++) {
      const body = utf8[first + index]!;
      spans[2 * index] = body.byteOffset - space.byteOffset;
      spans[2 * index + 1] = body.length;
    }
    md5Lanes(space, spans.subarray(0, 2 * count), digests);
    for (let index = 0; index < count; index++) {
      md5s[first + index] = digests.toString('hex', 16 * index, 16 * index + 16);
    }
  }
  return { md5s, utf8 };
}

/** The digest of a message's attributes, or undefined when it has none (SQS omits it then). */
export function md5OfMessageAttributes(
  attributes: Readonly<MessageAttributeMap> | undefined,
): string | undefined {
  if (attributes === undefined) return undefined;
  // UTF-16 code unit order, as the AWS SDK for Java's String.compareTo (and SQS) sorts.
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    updateWithLength(hash, Buffer.from(name, 'utf8'));
    updateWithLength(hash, Buffer.from(value.DataType, 'utf8'));
    updateWithValue(hash, value);
  }
  return hash.digest('hex');
}

/** MD5OfMessageSystemAttributes uses the same algorithm over the system attributes sent. */
export const md5OfMessageSystemAttributes = md5OfMessageAttributes;

function updateWithValue(hash: Hash, value: MessageAttributeValue): void {
  if (value.StringValue !== undefined) {
    hash.update(Uint8Array.of(transportString));
    updateWithLength(hash, Buffer.from(value.StringValue, 'utf8'));
  } else if (value.BinaryValue !== undefined) {
    hash.update(Uint8Array.of(transportBinary));
    updateWithLength(hash, value.BinaryValue);
  } else if (value.StringListValues !== undefined && value.StringListValues.length > 0) {
    hash.update(Uint8Array.of(transportStringList));
    for (const item of value.StringListValues) updateWithLength(hash, Buffer.from(item, 'utf8'));
  } else if (value.BinaryListValues !== undefined && value.BinaryListValues.length > 0) {
    hash.update(Uint8Array.of(transportBinaryList));
    for (const item of value.BinaryListValues) updateWithLength(hash, item);
  }
}

function updateWithLength(hash: Hash, bytes: Uint8Array): void {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.length, 0);
  hash.update(length);
  hash.update(bytes);
}
