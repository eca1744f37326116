/**
 * How a message's content is stored in the partition log (the partition treats it as opaque):
 * body, message attributes, system attributes and their MD5 digests, computed once at send time.
 *
 * Layout (v1): u8 version | u32 bodyBytes | body (UTF-8) | u8 flags | 16 B MD5 of body
 *   | if flags&1: 16 B MD5 of attributes | u32 n | attributes JSON
 *   | if flags&2: 16 B MD5 of system attributes | u32 n | system attributes JSON
 * Binary attribute values are base64 inside the JSON.
 */
export interface StoredAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Buffer;
}

export type StoredAttributes = Readonly<Record<string, StoredAttributeValue>>;

export interface MessageContent {
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes?: StoredAttributes;
  readonly md5OfAttributes?: string;
  readonly systemAttributes?: StoredAttributes;
  readonly md5OfSystemAttributes?: string;
}

/** Stored message bytes that cannot be decoded: the log is damaged or the version unknown. */
export class MessagePayloadError extends Error {
  readonly code = 'MessagePayload';
}

const version = 1;
const hasAttributes = 1;
const hasSystemAttributes = 2;

/**
 * bodyUtf8, when given, is content.body already encoded as UTF-8 (a batch's bodies are encoded
 * once for their MD5s), copied instead of encoding the body again.
 */
export function encodeMessagePayload(content: MessageContent, bodyUtf8?: Uint8Array): Buffer {
  // The body is encoded straight into the payload, not into a Buffer of its own first: on the
  // send path that was an allocation and a copy of every message body.
  const bodyBytes = bodyUtf8?.length ?? Buffer.byteLength(content.body, 'utf8');
  const attributes =
    content.attributes === undefined ? undefined : attributesToJson(content.attributes);
  const system =
    content.systemAttributes === undefined ? undefined : attributesToJson(content.systemAttributes);
  const size =
    1 +
    4 +
    bodyBytes +
    1 +
    16 +
    (attributes === undefined ? 0 : 16 + 4 + attributes.length) +
    (system === undefined ? 0 : 16 + 4 + system.length);
  const out = Buffer.allocUnsafe(size);
  let position = out.writeUInt8(version, 0);
  position = out.writeUInt32LE(bodyBytes, position);
  if (bodyUtf8 === undefined) position += out.write(content.body, position, bodyBytes, 'utf8');
  else {
    out.set(bodyUtf8, position);
    position += bodyBytes;
  }
  const flags =
    (attributes === undefined ? 0 : hasAttributes) |
    (system === undefined ? 0 : hasSystemAttributes);
  position = out.writeUInt8(flags, position);
  position += out.write(content.md5OfBody, position, 16, 'hex');
  if (attributes !== undefined) {
    position += out.write(content.md5OfAttributes ?? '', position, 16, 'hex');
    position = out.writeUInt32LE(attributes.length, position);
    position += attributes.copy(out, position);
  }
  if (system !== undefined) {
    position += out.write(content.md5OfSystemAttributes ?? '', position, 16, 'hex');
    position = out.writeUInt32LE(system.length, position);
    position += system.copy(out, position);
  }
  if (position !== size) throw new MessagePayloadError('message payload size mismatch');
  return out;
}

export function decodeMessagePayload(bytes: Buffer): MessageContent {
  try {
    let position = 0;
    if (bytes.readUInt8(position) !== version)
      throw new MessagePayloadError('unknown payload version');
    position += 1;
    const bodyBytes = bytes.readUInt32LE(position);
    position += 4;
    const body = bytes.toString('utf8', position, position + bodyBytes);
    position += bodyBytes;
    const flags = bytes.readUInt8(position);
    position += 1;
    const md5OfBody = bytes.toString('hex', position, position + 16);
    position += 16;
    const content: {
      body: string;
      md5OfBody: string;
      attributes?: StoredAttributes;
      md5OfAttributes?: string;
      systemAttributes?: StoredAttributes;
      md5OfSystemAttributes?: string;
    } = { body, md5OfBody };
    if ((flags & hasAttributes) !== 0) {
      content.md5OfAttributes = bytes.toString('hex', position, position + 16);
      position += 16;
      const length = bytes.readUInt32LE(position);
      position += 4;
      content.attributes = attributesFromJson(bytes.toString('utf8', position, position + length));
      position += length;
    }
    if ((flags & hasSystemAttributes) !== 0) {
      content.md5OfSystemAttributes = bytes.toString('hex', position, position + 16);
      position += 16;
      const length = bytes.readUInt32LE(position);
      position += 4;
      content.systemAttributes = attributesFromJson(
        bytes.toString('utf8', position, position + length),
      );
      position += length;
    }
    if (position !== bytes.length)
      throw new MessagePayloadError('trailing bytes after message payload');
    return content;
  } catch (error) {
    if (error instanceof MessagePayloadError) throw error;
    throw new MessagePayloadError(`cannot decode message payload: ${(error as Error).message}`);
  }
}

function attributesToJson(attributes: StoredAttributes): Buffer {
  const plain: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> =
    {};
  for (const [name, value] of Object.entries(attributes)) {
    plain[name] = {
      DataType: value.DataType,
      ...(value.StringValue === undefined ? {} : { StringValue: value.StringValue }),
      ...(value.BinaryValue === undefined
        ? {}
        : { BinaryValue: value.BinaryValue.toString('base64') }),
    };
  }
  return Buffer.from(JSON.stringify(plain), 'utf8');
}

function attributesFromJson(text: string): StoredAttributes {
  const plain = JSON.parse(text) as Record<
    string,
    { DataType: string; StringValue?: string; BinaryValue?: string }
  >;
  const attributes: Record<string, StoredAttributeValue> = {};
  for (const [name, value] of Object.entries(plain)) {
    attributes[name] = {
      DataType: value.DataType,
      ...(value.StringValue === undefined ? {} : { StringValue: value.StringValue }),
      ...(value.BinaryValue === undefined
        ? {}
        : { BinaryValue: Buffer.from(value.BinaryValue, 'base64') }),
    };
  }
  return attributes;
}
