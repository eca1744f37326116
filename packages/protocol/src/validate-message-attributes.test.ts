import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageAttributeValue } from './input-types.js';
import { baseDataType, validateMessageAttributes } from './validate-message-attributes.js';
import { assertSqsError } from './test-assertions.js';

const text = (StringValue: string, DataType = 'String'): MessageAttributeValue => ({
  DataType,
  StringValue,
});

test('up to 10 message attributes are accepted and an 11th is InvalidParameterValue', () => {
  const attributes: Record<string, MessageAttributeValue> = {};
  for (let index = 0; index < 10; index++) attributes[`a${index}`] = text('v');
  validateMessageAttributes(attributes);
  attributes['a10'] = text('v');
  assertSqsError(
    () => validateMessageAttributes(attributes),
    'InvalidParameterValue',
    'Number of message attributes [11] exceeds the allowed maximum [10].',
  );
});

test('attribute names may use letters, digits, underscore, hyphen and single inner periods, up to 256', () => {
  validateMessageAttributes({
    'Some_Valid.attribute-Name9': text('v'),
    ['n'.repeat(256)]: text('v'),
  });
});

test('attribute names with other characters, too long or empty are InvalidParameterValue', () => {
  for (const name of ['has space', 'slash/x', 'ünï', 'star*', '', 'n'.repeat(257)]) {
    assertSqsError(() => validateMessageAttributes({ [name]: text('v') }), 'InvalidParameterValue');
  }
});

test('attribute names may not start with the reserved AWS. or Amazon. prefixes in any case', () => {
  for (const name of ['AWS.trace', 'aws.x', 'Amazon.x', 'AMAZON.x']) {
    assertSqsError(
      () => validateMessageAttributes({ [name]: text('v') }),
      'InvalidParameterValue',
      'reserved',
    );
  }
  validateMessageAttributes({ AWSish: text('v'), 'Amazonian.x': text('v') });
});

test('attribute names may not start or end with a period or hold two in a row', () => {
  for (const name of ['.lead', 'trail.', 'two..dots']) {
    assertSqsError(
      () => validateMessageAttributes({ [name]: text('v') }),
      'InvalidParameterValue',
      'period',
    );
  }
});

test('data types are String, Number or Binary with an optional .label; anything else is refused', () => {
  assert.equal(baseDataType('String'), 'String');
  assert.equal(baseDataType('Number.float'), 'Number');
  assert.equal(baseDataType('Binary.gif'), 'Binary');
  for (const dataType of ['string', 'Strings', 'String.', 'Text', '', 'Number.']) {
    assert.equal(baseDataType(dataType), undefined, dataType);
    assertSqsError(
      () => validateMessageAttributes({ x: text('1', dataType) }),
      'InvalidParameterValue',
      "The type of message (user) attribute 'x' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
    );
  }
  assertSqsError(
    () => validateMessageAttributes({ x: text('v', `String.${'l'.repeat(250)}`) }),
    'InvalidParameterValue',
  );
});

test('String and Number attributes need a non-empty StringValue, Binary a non-empty BinaryValue', () => {
  assertSqsError(
    () => validateMessageAttributes({ x: { DataType: 'String' } }),
    'InvalidParameterValue',
    "Message (user) attribute 'x' must contain a non-empty value of type 'String'.",
  );
  assertSqsError(() => validateMessageAttributes({ x: text('') }), 'InvalidParameterValue');
  assertSqsError(
    () => validateMessageAttributes({ x: { DataType: 'Binary', BinaryValue: Buffer.alloc(0) } }),
    'InvalidParameterValue',
    "type 'Binary'",
  );
  assertSqsError(
    () => validateMessageAttributes({ x: { DataType: 'Binary', StringValue: 'abc' } }),
    'InvalidParameterValue',
  );
  validateMessageAttributes({ x: { DataType: 'Binary.png', BinaryValue: Buffer.from([0]) } });
});

test('an attribute carrying two kinds of value is refused', () => {
  assertSqsError(
    () =>
      validateMessageAttributes({
        x: { DataType: 'String', StringValue: 'a', BinaryValue: Buffer.from('b') },
      }),
    'InvalidParameterValue',
  );
});

test('list values, reserved by SQS for future use, are refused', () => {
  assertSqsError(
    () => validateMessageAttributes({ x: { DataType: 'String', StringListValues: ['a'] } }),
    'InvalidParameterValue',
    'Message attribute list values in SendMessage operation are not supported.',
  );
});

test('String attribute values obey the message body character rules', () => {
  assertSqsError(
    () => validateMessageAttributes({ x: text('bad\u0000') }),
    'InvalidParameterValue',
    '#x9 | #xA',
  );
});

test('Number attributes must be numbers of at most 38 digits between 10^-128 and 10^126', () => {
  for (const value of [
    '0',
    '-1',
    '+7',
    '0230.01',
    '1.5e10',
    '1E-128',
    '1e126',
    '9'.repeat(38),
    '0.000',
    '.5',
    '5.',
  ]) {
    validateMessageAttributes({ n: text(value, 'Number') });
  }
  for (const value of [
    'abc',
    '1e',
    '--1',
    '1.2.3',
    '9'.repeat(39),
    '1e127',
    '1.1e126',
    '1e-129',
    '0x10',
    ' 1',
    'NaN',
    'Infinity',
    '.',
    '-',
  ]) {
    assertSqsError(
      () => validateMessageAttributes({ n: text(value, 'Number') }),
      'InvalidParameterValue',
      "Can't cast the value of message (user) attribute 'n' to a number.",
    );
  }
});
