import { createCipheriv, type Cipher } from 'node:crypto';
import { loadNativeFunction } from '@sluice/core';

const blockBytes = 16;

type NativeCmacEach = (
  key: Uint8Array,
  messages: Uint8Array,
  messageBytes: number,
  stride: number,
  count: number,
  out: Uint8Array,
) => void;

/**
 * native/aes-cmac.c (AES-NI, built by scripts/build-native.mjs), or undefined where it was not
 * built or the CPU lacks AES-NI: then node:crypto's AES-ECB computes the tags.
 */
const nativeCmacEach = loadNativeFunction<NativeCmacEach>(
  import.meta.url,
  '../build/aes-cmac.node',
  'aesCmacEach',
);

/** Which implementation AesCmac uses on this machine unless told otherwise. */
export const aesCmacMethod: 'aes-ni' | 'node-crypto' =
  nativeCmacEach === undefined ? 'node-crypto' : 'aes-ni';

/**
 * AES-128-CMAC (NIST SP 800-38B, RFC 4493), computed for many messages of one length at once.
 *
 * Why not HMAC: Node builds an HMAC object per call, which costs 2.5 to 3.7 µs for a 21-byte
 * receipt handle on this machine, about a tenth of a drain's CPU. One long-lived AES-ECB cipher
 * encrypts any number of independent blocks per call, and CMAC's chain over a message is one
 * block cipher call per block, so the tags of a whole receive batch cost one cipher call per
 * block position: about 0.35 µs a handle for ten (docs/benchmarks/analysis.md §1.6). Where
 * native/aes-cmac.c is built and the CPU has AES-NI, one call into it computes every tag
 * instead (§1.22); `{ native: false }` keeps to node:crypto (the tests compare the two).
 */
export class AesCmac {
  /** ECB encrypts each 16-byte block on its own, so one cipher serves every call. */
  readonly #cipher: Cipher;
  readonly #k1: Buffer;
  readonly #k2: Buffer;
  readonly #key: Buffer;
  readonly #native: NativeCmacEach | undefined;

  constructor(key: Buffer, options: { readonly native?: boolean } = {}) {
    if (key.length !== 16) throw new RangeError('an AES-128-CMAC key is 16 bytes');
    this.#key = Buffer.from(key);
    this.#native = options.native === false ? undefined : nativeCmacEach;
    this.#cipher = createCipheriv('aes-128-ecb', key, null);
    this.#cipher.setAutoPadding(false);
    this.#k1 = doubled(this.#encrypt(Buffer.alloc(blockBytes)));
    this.#k2 = doubled(this.#k1);
  }

  /** The 16-byte tag of one message of any length. */
  mac(message: Buffer): Buffer {
    return this.macEach(message, message.length);
  }

  /**
   * The tags of messages cut into `stride`-byte slots, each slot starting with a message of
   * messageBytes (the rest of a slot is ignored: room for its tag, say), as their 16-byte tags
   * end to end in the same order. By default the messages lie end to end.
   */
  macEach(messages: Buffer, messageBytes: number, stride = messageBytes): Buffer {
    if (stride < messageBytes) throw new RangeError(`stride ${stride} < ${messageBytes} bytes`);
    const count = messageBytes === 0 ? 1 : messages.length / stride;
    if (!Number.isInteger(count) || (messageBytes === 0 && messages.length !== 0)) {
      throw new RangeError(`${messages.length} bytes are not whole ${messageBytes}-byte messages`);
    }
    if (this.#native !== undefined) {
      const tags = Buffer.allocUnsafe(count * blockBytes);
      this.#native(this.#key, messages, messageBytes, stride, count, tags);
      return tags;
    }
    const blocks = Math.max(1, Math.ceil(messageBytes / blockBytes));
    const lastIsWhole = messageBytes > 0 && messageBytes % blockBytes === 0;
    // X_0 = 0; X_i = E(X_{i-1} xor M_i) for every message at once; the last block is padded
    // (10*) unless whole, and masked by K1 if whole, K2 if not.
    let chain: Buffer = Buffer.alloc(count * blockBytes);
    for (let block = 0; block < blocks; block++) {
      const last = block === blocks - 1;
      for (let message = 0; message < count; message++) {
        const into = message * blockBytes;
        const from = message * stride + block * blockBytes;
        const present = Math.min(blockBytes, messageBytes - block * blockBytes);
        for (let index = 0; index < present; index++)
          chain[into + index]! ^= messages[from + index]!;
        if (!last) continue;
        if (present < blockBytes) chain[into + present]! ^= 0x80;
        const mask = lastIsWhole ? this.#k1 : this.#k2;
        for (let index = 0; index < blockBytes; index++) chain[into + index]! ^= mask[index]!;
      }
      chain = this.#encrypt(chain);
    }
    return chain;
  }

  #encrypt(blocks: Buffer): Buffer {
    const encrypted = this.#cipher.update(blocks);
    if (encrypted.length !== blocks.length) throw new Error('AES-ECB held back part of a block');
    return encrypted;
  }
}

/** Multiplication by x in GF(2^128), as CMAC derives its subkeys. */
function doubled(block: Buffer): Buffer {
  const result = Buffer.alloc(blockBytes);
  for (let index = 0; index < blockBytes; index++) {
    result[index] =
      ((block[index]! << 1) | (index + 1 < blockBytes ? block[index + 1]! >> 7 : 0)) & 0xff;
  }
  if ((block[0]! & 0x80) !== 0) result[blockBytes - 1]! ^= 0x87;
  return result;
}
