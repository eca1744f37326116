/**
 * Reads a JSON protocol request body into the canonical input of its action, checking every
 * member's type against the model in one pass over the parsed value. A value of the wrong type is
 * a SerializationException, as on SQS ("STRING_VALUE can not be converted to an Integer").
 * Members the model does not know are ignored; `null` members count as absent.
 */
import { SqsError, missingParameter } from './errors.js';
import { decodeBase64Strict } from './base64.js';
import type { Shape, StructureShape } from './shape.js';

const int32Min = -2_147_483_648;
const int32Max = 2_147_483_647;

export function readJsonInput(shape: StructureShape, value: unknown): Record<string, unknown> {
  return readStructure(shape, value, '');
}

function readStructure(shape: StructureShape, value: unknown, path: string) {
  if (!isJsonObject(value)) throw wrongType(value, 'a Structure');
  const result: Record<string, unknown> = {};
  for (const member of shape.members) {
    const memberValue = value[member.name];
    const memberPath = path === '' ? member.name : `${path}.${member.name}`;
    if (memberValue === undefined || memberValue === null) {
      if (member.required) throw missingParameter(memberPath);
      continue;
    }
    result[member.name] = readValue(member.shape, memberValue, memberPath);
  }
  return result;
}

function readValue(shape: Shape, value: unknown, path: string): unknown {
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(value, 'a String');
      return value;
    case 'integer':
      return readNumber(value, int32Min, int32Max, 'an Integer');
    case 'long':
      return readNumber(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'a Long');
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(value, 'a Boolean');
      return value;
    case 'blob':
      return readBlob(value);
    case 'list':
      return readList(shape.member, value, path);
    case 'map':
      return readMap(shape.value, value, path);
    case 'structure':
      return readStructure(shape, value, path);
  }
}

function readNumber(value: unknown, minimum: number, maximum: number, target: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(value, target);
  if (value < minimum || value > maximum) throw wrongType(value, target);
  return value;
}

function readBlob(value: unknown): Buffer {
  if (typeof value !== 'string') throw wrongType(value, 'a Blob');
  const decoded = decodeBase64Strict(value);
  if (decoded === undefined) {
    throw new SqsError('SerializationException', 'Base64 encoded value is not valid.');
  }
  return decoded;
}

function readList(memberShape: Shape, value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw wrongType(value, 'a List');
  const result = new Array<unknown>(value.length);
  for (let index = 0; index < value.length; index++) {
    const element: unknown = value[index];
    if (element === null || element === undefined) throw wrongType(null, 'a List member');
    result[index] = readValue(memberShape, element, `${path}.${index + 1}`);
  }
  return result;
}

function readMap(valueShape: Shape, value: unknown, path: string): Record<string, unknown> {
  if (!isJsonObject(value)) throw wrongType(value, 'a Map');
  const result = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (entry === null || entry === undefined) throw wrongType(null, 'a Map value');
    result[key] = readValue(valueShape, entry, `${path}.${key}`);
  }
  return result;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Coral's names for the JSON token it found where another type was expected. */
function tokenName(value: unknown): string {
  if (value === null) return 'NULL_VALUE';
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  if (typeof value === 'boolean') return 'BOOLEAN_VALUE';
  return 'START_OBJECT';
}

function wrongType(value: unknown, target: string): SqsError {
  return new SqsError(
    'SerializationException',
    `${tokenName(value)} can not be converted to ${target}`,
  );
}
