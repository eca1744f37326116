/**
 * Message bodies: non-empty, only the characters XML 1.0 allows (#x9 | #xA | #xD | #x20-#xD7FF |
 * #xE000-#xFFFD | #x10000-#x10FFFF, so a lone UTF-16 surrogate is refused), and with its
 * attributes no larger than the queue's MaximumMessageSize (at most 1 MiB).
 */
import { sqsLimits } from '@sluice/core';
import { SqsError, missingParameter } from './errors.js';
import type { MessageAttributeMap } from './input-types.js';

/**
 * Every code unit outside the always-valid ranges: surrogates too, since a pair is valid but a
 * lone one is not. V8's regex scan is faster than a charCodeAt loop, so most text needs no loop.
 * Written as the class of what may be invalid rather than the negation of what is valid: the same
 * set, scanned in 0.32 µs per KiB of ASCII instead of 0.76 (docs/benchmarks/analysis.md, 1.13).
 */
// eslint-disable-next-line no-control-regex -- the controls XML 1.0 refuses are what it looks for
const mayBeInvalid = /[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]/;

/** The index of the first character SQS refuses in a message, or -1 if there is none. */
export function findInvalidCharacter(text: string): number {
  const start = text.search(mayBeInvalid);
  if (start === -1) return -1;
  for (let index = start; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code <= 0xd7ff) continue;
    if (code === 0x9 || code === 0xa || code === 0xd) continue;
    if (code >= 0xe000 && code <= 0xfffd) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
    }
    return index;
  }
  return -1;
}

/** `xmlSafeText`: the caller knows the body holds only allowed characters; skip the scan. */
export function validateMessageBody(
  body: string,
  parameterName = 'MessageBody',
  xmlSafeText = false,
): void {
  if (body.length === 0) throw missingParameter(parameterName);
  if (!xmlSafeText && findInvalidCharacter(body) !== -1) {
    throw new SqsError('InvalidMessageContents');
  }
}

/**
 * A message's size as SQS counts it against MaximumMessageSize: the body's UTF-8 bytes plus, for
 * every attribute, its name, its data type and its value.
 */
export function messageSizeBytes(
  body: string,
  attributes: Readonly<MessageAttributeMap> | undefined,
): number {
  let size = Buffer.byteLength(body, 'utf8');
  if (attributes === undefined) return size;
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (value === undefined) continue;
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
    if (value.StringValue !== undefined) size += Buffer.byteLength(value.StringValue, 'utf8');
    if (value.BinaryValue !== undefined) size += value.BinaryValue.length;
  }
  return size;
}

/**
 * Refuses a message larger than `maximumBytes`: the 1 MiB SQS maximum by default; the server
 * passes the queue's MaximumMessageSize.
 */
export function validateMessageSize(
  sizeBytes: number,
  maximumBytes: number = sqsLimits.messageBytesMax,
): void {
  if (sizeBytes > maximumBytes) {
    throw new SqsError(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximumBytes} bytes.`,
    );
  }
}
