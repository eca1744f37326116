/**
 * Test support (not exported): random canonical inputs for any action, drawn from its shape with
 * a seeded Prng, for round-trip tests. Strings mix form and XML specials with multi-byte text.
 */
import type { Prng } from '@sluice/core';
import type { Shape, StructureShape } from './shape.js';

const characters = [
  'a',
  'Z',
  '0',
  ' ',
  '&',
  '=',
  '+',
  '%',
  '.',
  '/',
  '\n',
  '\r',
  '\t',
  '"',
  '<',
  'é',
  '✓',
  '😀',
  '_',
  '-',
];

export function randomStructure(shape: StructureShape, prng: Prng): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const member of shape.members) {
    if (!member.required && prng.nextInt(0, 1) === 0) continue;
    // List values are reserved by SQS; keep them non-empty when present (see the serializer).
    result[member.name] = randomValue(
      member.shape,
      prng,
      member.required,
      member.wireName.endsWith('ListValue'),
    );
  }
  return result;
}

function randomValue(shape: Shape, prng: Prng, required: boolean, nonEmpty = false): unknown {
  switch (shape.kind) {
    case 'string':
      return randomString(prng, 0, 12);
    case 'integer':
      return prng.pick([0, 1, -1, 2_147_483_647, -2_147_483_648, prng.nextInt(-100_000, 100_000)]);
    case 'long':
      return prng.nextInt(0, 1_000_000_000);
    case 'boolean':
      return prng.nextInt(0, 1) === 1;
    case 'blob':
      return prng.bytes(prng.nextInt(0, 8));
    case 'list': {
      const count = prng.nextInt(nonEmpty ? 1 : 0, 3);
      return Array.from({ length: count }, () => randomValue(shape.member, prng, true));
    }
    case 'map': {
      // An empty optional map is not sent at all by botocore, so it would read back as absent.
      const count = prng.nextInt(required ? 0 : 1, 3);
      const result: Record<string, unknown> = {};
      while (Object.keys(result).length < count) {
        result[randomString(prng, 1, 8)] = randomValue(shape.value, prng, true);
      }
      return result;
    }
    case 'structure':
      return randomStructure(shape, prng);
  }
}

function randomString(prng: Prng, minimum: number, maximum: number): string {
  let text = '';
  const length = prng.nextInt(minimum, maximum);
  for (let index = 0; index < length; index++) text += prng.pick(characters);
  return text;
}

/** A JSON-comparable copy: Buffers as hex, prototype-free maps as plain objects. */
export function comparable(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { buffer: value.toString('hex') };
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      result[key] = comparable((value as Record<string, unknown>)[key]);
    return result;
  }
  return value;
}
