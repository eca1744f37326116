/**
 * Test support (not exported): request serializers that write a canonical input the way botocore
 * does, so tests can check that parseRequest(serialize(input)) gives back the input.
 *
 * Query rules (botocore/serialize.py QuerySerializer): parameters in member order after Action
 * and Version; flattened lists as `<name>.<n>`, flattened maps as `<name>.<n>.<Key|Name>` and
 * `<name>.<n>.<Value>`; blobs base64; an empty list as `<member name>=`; values encoded like
 * Python's urlencode (quote_plus: space as `+`, everything but `A-Za-z0-9_.-~` escaped).
 */
import { sqsApiVersion, type SqsAction } from './actions.js';
import { inputSchemas } from './input-schema.js';
import type { HttpRequestParts } from './parse-request.js';
import type { Shape, StructureShape } from './shape.js';

/** Members whose own locationName botocore uses for an empty list (others use the member name). */
const memberLevelLocationNames: ReadonlySet<string> = new Set([
  'StringListValue',
  'BinaryListValue',
]);

export function botocoreQueryBody(action: SqsAction, input: unknown): string {
  const parameters: Array<[string, string]> = [
    ['Action', action],
    ['Version', sqsApiVersion],
  ];
  writeStructure(inputSchemas[action], input, '', parameters);
  return parameters.map(([name, value]) => `${quotePlus(name)}=${quotePlus(value)}`).join('&');
}

export function botocoreQueryRequest(action: SqsAction, input: unknown): HttpRequestParts {
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'localhost:9324',
    },
    body: Buffer.from(botocoreQueryBody(action, input), 'utf8'),
  };
}

export function botocoreJsonRequest(action: SqsAction, input: unknown): HttpRequestParts {
  const body = JSON.stringify(input, function (this: unknown, key: string, value: unknown) {
    const original = (this as Record<string, unknown>)[key];
    return Buffer.isBuffer(original) ? original.toString('base64') : value;
  });
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      'x-amz-target': `AmazonSQS.${action}`,
      'content-type': 'application/x-amz-json-1.0',
    },
    body: Buffer.from(body, 'utf8'),
  };
}

function writeStructure(
  shape: StructureShape,
  value: unknown,
  prefix: string,
  out: Array<[string, string]>,
): void {
  const record = value as Record<string, unknown>;
  for (const member of shape.members) {
    const memberValue = record[member.name];
    if (memberValue === undefined) continue;
    const name = prefix === '' ? member.wireName : `${prefix}.${member.wireName}`;
    if (member.shape.kind === 'list' && (memberValue as unknown[]).length === 0) {
      const emptyName = memberLevelLocationNames.has(member.wireName)
        ? member.wireName
        : member.name;
      out.push([prefix === '' ? emptyName : `${prefix}.${emptyName}`, '']);
      continue;
    }
    writeValue(member.shape, memberValue, name, out);
  }
}

function writeValue(
  shape: Shape,
  value: unknown,
  name: string,
  out: Array<[string, string]>,
): void {
  switch (shape.kind) {
    case 'structure':
      writeStructure(shape, value, name, out);
      return;
    case 'list':
      (value as unknown[]).forEach((element, index) =>
        writeValue(shape.member, element, `${name}.${index + 1}`, out),
      );
      return;
    case 'map':
      Object.keys(value as object).forEach((key, index) => {
        out.push([`${name}.${index + 1}.${shape.keyName}`, key]);
        writeValue(
          shape.value,
          (value as Record<string, unknown>)[key],
          `${name}.${index + 1}.${shape.valueName}`,
          out,
        );
      });
      return;
    case 'blob':
      out.push([name, (value as Buffer).toString('base64')]);
      return;
    case 'boolean':
      out.push([name, value === true ? 'true' : 'false']);
      return;
    case 'string':
    case 'integer':
    case 'long':
      out.push([name, String(value)]);
  }
}

/** Python's urllib.parse.quote_plus. */
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}
