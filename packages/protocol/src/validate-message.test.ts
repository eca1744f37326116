import { test } from 'node:test';
import assert from 'node:assert/strict';
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
