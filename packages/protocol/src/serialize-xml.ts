/**
 * Query protocol responses: XML in the SQS namespace, shaped as botocore's query parser expects:
 * `<XResponse><XResult>...</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>`
 * with every list and map flattened (`<Message>` repeated, `<Attribute><Name/><Value/></Attribute>`).
 */
import { sqsXmlNamespace } from './actions.js';
import type { Shape, StructureShape } from './shape.js';
import { escapeXml } from './xml-escape.js';

const declaration = '<?xml version="1.0"?>';

export function xmlResponse(
  action: string,
  shape: StructureShape | undefined,
  output: unknown,
  requestId: string,
): string {
  const result =
    shape === undefined
      ? ''
      : `<${action}Result>${writeStructure(shape, output)}</${action}Result>`;
  return (
    `${declaration}<${action}Response xmlns="${sqsXmlNamespace}">${result}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

export function xmlErrorResponse(
  type: string,
  code: string,
  message: string,
  requestId: string,
): string {
  return (
    `${declaration}<ErrorResponse xmlns="${sqsXmlNamespace}"><Error>` +
    `<Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
    `<Detail/></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

function writeStructure(shape: StructureShape, value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const record = value as Readonly<Record<string, unknown>>;
  let xml = '';
  for (const member of shape.members) {
    const memberValue = record[member.name];
    if (memberValue === undefined || memberValue === null) continue;
    xml += writeMember(member.wireName, member.shape, memberValue);
  }
  return xml;
}

/** A member: flattened lists and maps repeat their element under the member's wire name. */
function writeMember(name: string, shape: Shape, value: unknown): string {
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return '';
    let xml = '';
    for (const element of value as unknown[]) xml += writeElement(name, shape.member, element);
    return xml;
  }
  if (shape.kind === 'map') {
    if (typeof value !== 'object') return '';
    const record = value as Readonly<Record<string, unknown>>;
    let xml = '';
    for (const key of Object.keys(record)) {
      const entry =
        `<${shape.keyName}>${escapeXml(key)}</${shape.keyName}>` +
        writeElement(shape.valueName, shape.value, record[key]);
      xml += `<${name}>${entry}</${name}>`;
    }
    return xml;
  }
  return writeElement(name, shape, value);
}

function writeElement(name: string, shape: Shape, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (shape.kind === 'structure') return `<${name}>${writeStructure(shape, value)}</${name}>`;
  if (shape.kind === 'list' || shape.kind === 'map') return writeMember(name, shape, value);
  return `<${name}>${scalarText(shape.kind, value)}</${name}>`;
}

function scalarText(kind: Shape['kind'], value: unknown): string {
  if (kind === 'blob') return Buffer.isBuffer(value) ? value.toString('base64') : '';
  if (kind === 'boolean') return value === true ? 'true' : 'false';
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}
