import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sqsLimits } from '@sluice/core';
import {
  findInvalidCharacter,
  messageSizeBytes,
  validateMessageBody,
  validateMessageSize,
} from './validate-message.js';
import { assertSqsError } from './test-assertions.js';

test('message bodies may hold #x9 #xA #xD, #x20-#xD7FF, #xE000-#xFFFD and #x10000-#x10FFFF', () => {
  const allowed = [
    '\t',
    '\n',
    '\r',
    ' ',
    '~',
    '\u00e9',
    '\ud7ff',
    '\ue000',
    '\ufffd',
    '😀',
    '\u{10ffff}',
    '<&>"',
  ];
  for (const text of allowed) {
    assert.equal(findInvalidCharacter(text), -1, JSON.stringify(text));
    validateMessageBody(`body ${text}`);
  }
});

test('a body with any other character is InvalidMessageContents', () => {
  const refused = [
    '\u0000',
    '\u0008',
    '\u000b',
    '\u000c',
    '\u001f',
    '\ufffe',
    '\uffff',
    '\ud800',
    '\udc00',
    'a\ud83d',
  ];
  for (const text of refused) {
    assertSqsError(
      () => validateMessageBody(`ok${text}ok`),
      'InvalidMessageContents',
      '#x9 | #xA | #xD',
    );
  }
  assert.equal(findInvalidCharacter('ab\u0001'), 2);
});

/** XML 1.0's Char production, one code point at a time: the definition the scan must match. */
function firstInvalidCodePoint(text: string): number {
  for (let index = 0; index < text.length;) {
    const point = text.codePointAt(index) as number;
    const valid =
      point === 0x9 ||
      point === 0xa ||
      point === 0xd ||
      (point >= 0x20 && point <= 0xd7ff) ||
      (point >= 0xe000 && point <= 0xfffd) ||
      (point >= 0x10000 && point <= 0x10ffff);
    if (!valid) return index;
    index += point > 0xffff ? 2 : 1;
  }
  return -1;
}

test('the scan finds the same first invalid character as XML 1.0 read code point by code point', () => {
  // Code units from every range the scan distinguishes, so lone and paired surrogates, the
  // controls and U+FFFE/U+FFFF all come up often.
  const unit = fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xd7ff }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.integer({ min: 0xe000, max: 0xffff }),
    fc.constantFrom(0x9, 0xa, 0xb, 0xc, 0xd, 0x1f, 0x20, 0xfffd, 0xfffe, 0xffff),
  );
  const text = fc.array(unit, { maxLength: 40 }).map((units) => String.fromCharCode(...units));
  fc.assert(
    fc.property(text, (value) => findInvalidCharacter(value) === firstInvalidCodePoint(value)),
    { numRuns: 5000 },
  );
});

test('an empty body is MissingParameter, as SQS asks for the parameter MessageBody', () => {
  assertSqsError(
    () => validateMessageBody(''),
    'MissingParameter',
    'The request must contain the parameter MessageBody.',
  );
});

test('message size counts the UTF-8 body plus every attribute name, data type and value', () => {
  assert.equal(messageSizeBytes('é', undefined), 2);
  const size = messageSizeBytes('body', {
    name: { DataType: 'String', StringValue: 'value' },
    bin: { DataType: 'Binary', BinaryValue: Buffer.alloc(3) },
  });
  assert.equal(size, 4 + (4 + 6 + 5) + (3 + 6 + 3));
});

test('a message of exactly 1 MiB is accepted and one byte more is InvalidParameterValue', () => {
  validateMessageSize(sqsLimits.messageBytesMax);
  assertSqsError(
    () => validateMessageSize(sqsLimits.messageBytesMax + 1),
    'InvalidParameterValue',
    `One or more parameters are invalid. Reason: Message must be shorter than ${sqsLimits.messageBytesMax} bytes.`,
  );
});

test('the server can hold a message to its queue MaximumMessageSize instead of 1 MiB', () => {
  validateMessageSize(1024, 1024);
  assertSqsError(
    () => validateMessageSize(1025, 1024),
    'InvalidParameterValue',
    'shorter than 1024 bytes',
  );
});
