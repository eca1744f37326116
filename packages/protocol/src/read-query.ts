/**
 * Reads Query protocol parameters into the canonical input of an action. Parameter names are
 * dotted paths (`SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType`), so they are
 * first arranged into a tree, then the tree is read against the action's shape: the same shape
 * the JSON reader uses, so both protocols yield the same input.
 *
 * A flattened list or map that is absent reads as empty (the Query protocol cannot tell an empty
 * list from a missing one); validation then answers as SQS does (EmptyBatchRequest, ...).
 */
import { SqsError, invalidParameterValue, missingParameter } from './errors.js';
import { decodeBase64Strict } from './base64.js';
import type { Shape, StructureShape } from './shape.js';

export interface QueryNode {
  value: string | undefined;
  children: Map<string, QueryNode> | undefined;
}

export function buildQueryTree(parameters: ReadonlyMap<string, string>): QueryNode {
  const root: QueryNode = { value: undefined, children: undefined };
  for (const [name, value] of parameters) {
    let node = root;
    let start = 0;
    while (true) {
      const dot = name.indexOf('.', start);
      const segment = dot === -1 ? name.slice(start) : name.slice(start, dot);
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { value: undefined, children: undefined };
        node.children.set(segment, child);
      }
      node = child;
      if (dot === -1) break;
      start = dot + 1;
    }
    node.value = value;
  }
  return root;
}

export function readQueryInput(shape: StructureShape, root: QueryNode): Record<string, unknown> {
  return readStructure(shape, root, '');
}

function readStructure(shape: StructureShape, node: QueryNode | undefined, path: string) {
  const result: Record<string, unknown> = {};
  for (const member of shape.members) {
    const memberPath = path === '' ? member.wireName : `${path}.${member.wireName}`;
    const child = node?.children?.get(member.wireName);
    let value =
      child === undefined
        ? readEmptyCollection(member.shape, node?.children?.get(member.name))
        : readMember(member.shape, child, memberPath);
    if (value === undefined && member.required) {
      value = emptyCollection(member.shape);
      if (value === undefined) throw missingParameter(memberPath);
    }
    if (value !== undefined) result[member.name] = value;
  }
  return result;
}

/** botocore sends an empty list as `<MemberName>=` (its "Entries=" for an empty batch). */
function readEmptyCollection(shape: Shape, node: QueryNode | undefined): unknown {
  if (node?.value !== '' || node.children !== undefined) return undefined;
  return emptyCollection(shape);
}

function emptyCollection(shape: Shape): unknown {
  if (shape.kind === 'list') return [];
  if (shape.kind === 'map') return Object.create(null) as Record<string, unknown>;
  return undefined;
}

function readMember(shape: Shape, node: QueryNode | undefined, path: string): unknown {
  if (node === undefined) return undefined;
  switch (shape.kind) {
    case 'list':
      return readList(shape.member, node, path);
    case 'map':
      return readMap(shape, node, path);
    case 'structure':
      return readStructure(shape, node, path);
    case 'string':
    case 'integer':
    case 'long':
    case 'boolean':
    case 'blob':
      return node.value === undefined ? undefined : readScalar(shape.kind, node.value, path);
  }
}

type ScalarKind = 'string' | 'integer' | 'long' | 'boolean' | 'blob';

function readScalar(kind: ScalarKind, text: string, path: string): unknown {
  switch (kind) {
    case 'integer':
      return readInteger(text, path, -2_147_483_648, 2_147_483_647);
    case 'long':
      return readInteger(text, path, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw invalidParameterValue(path, text, 'Must be true or false.');
    case 'blob': {
      const decoded = decodeBase64Strict(text);
      if (decoded === undefined) throw invalidParameterValue(path, text, 'Must be base64.');
      return decoded;
    }
    case 'string':
      return text;
  }
}

function readInteger(text: string, path: string, minimum: number, maximum: number): number {
  let index = text.startsWith('-') ? 1 : 0;
  if (index === text.length || text.length > 17) throw notAnInteger(text, path);
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) throw notAnInteger(text, path);
  }
  const value = Number(text);
  if (value < minimum || value > maximum) throw notAnInteger(text, path);
  return value;
}

function notAnInteger(text: string, path: string): SqsError {
  return invalidParameterValue(path, text, 'Must be an integer.');
}

/** The elements of a flattened list or map, in index order: `Name.1`, `Name.2`, ... */
function indexedChildren(node: QueryNode, path: string): QueryNode[] {
  if (node.children === undefined) return [];
  const indexed: Array<[number, QueryNode]> = [];
  for (const [key, child] of node.children) {
    indexed.push([parseIndex(key, path), child]);
  }
  indexed.sort((first, second) => first[0] - second[0]);
  return indexed.map((entry) => entry[1]);
}

function parseIndex(key: string, path: string): number {
  let valid = key.length > 0 && key.length <= 9 && key.charCodeAt(0) !== 0x30;
  for (let index = 0; valid && index < key.length; index++) {
    const code = key.charCodeAt(index);
    valid = code >= 0x30 && code <= 0x39;
  }
  if (!valid) {
    throw new SqsError('InvalidQueryParameter', `The parameter ${path}.${key} is not recognized.`);
  }
  return Number(key);
}

function readList(memberShape: Shape, node: QueryNode, path: string): unknown[] {
  const elements = indexedChildren(node, path);
  const result = new Array<unknown>(elements.length);
  for (let index = 0; index < elements.length; index++) {
    const elementPath = `${path}.${index + 1}`;
    const element = readMember(memberShape, elements[index], elementPath);
    if (element === undefined) throw missingParameter(elementPath);
    result[index] = element;
  }
  return result;
}

function readMap(
  shape: Extract<Shape, { kind: 'map' }>,
  node: QueryNode,
  path: string,
): Record<string, unknown> {
  const result = Object.create(null) as Record<string, unknown>;
  const entries = indexedChildren(node, path);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const entryPath = `${path}.${index + 1}`;
    const key = entry?.children?.get(shape.keyName)?.value;
    if (key === undefined) throw missingParameter(`${entryPath}.${shape.keyName}`);
    if (Object.hasOwn(result, key)) {
      throw invalidParameterValue(`${entryPath}.${shape.keyName}`, key, 'Names must be unique.');
    }
    const valuePath = `${entryPath}.${shape.valueName}`;
    const valueNode = entry?.children?.get(shape.valueName);
    const value =
      shape.value.kind === 'structure'
        ? readStructure(
            shape.value,
            valueNode ?? { value: undefined, children: undefined },
            valuePath,
          )
        : readMember(shape.value, valueNode, valuePath);
    if (value === undefined) throw missingParameter(valuePath);
    result[key] = value;
  }
  return result;
}
