/**
 * A small seeded pseudo-random generator (sfc32) for tests, fuzzing and load generation.
 * Seeds are printed by the tests that use them so that any failure can be replayed.
 * Not for secrets: use node:crypto for receipt-handle keys and data keys.
 */
export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(readonly seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let round = 0; round < 15; round++) this.nextUint32();
  }

  nextUint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [minimum, maximum] inclusive. */
  nextInt(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.nextFloat() * (maximum - minimum + 1));
  }

  pick<Item>(items: readonly Item[]): Item {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[this.nextInt(0, items.length - 1)] as Item;
  }

  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let index = 0; index < length; index++) out[index] = this.nextUint32() & 0xff;
    return out;
  }
}

/**
 * The seed for a randomized test: the test's fixed seed, unless SLUICE_SEED is set to explore
 * or replay another one. Tests print the seed they used.
 */
export function testSeed(fixedSeed: number): number {
  const fromEnvironment = process.env['SLUICE_SEED'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return Number(fromEnvironment) >>> 0;
  return fixedSeed >>> 0;
}
