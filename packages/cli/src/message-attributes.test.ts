import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from './cli-errors.js';
import { parseMessageAttributes } from './message-attributes.js';

test('NAME=VALUE is a String attribute and NAME:TYPE=VALUE names the type', () => {
  assert.deepEqual(
    parseMessageAttributes(['color=red', 'retries:Number=3', 'unit:Number.int=7', 'eq=a=b']),
    {
      color: { DataType: 'String', StringValue: 'red' },
      retries: { DataType: 'Number', StringValue: '3' },
      unit: { DataType: 'Number.int', StringValue: '7' },
      eq: { DataType: 'String', StringValue: 'a=b' },
    },
  );
});

test('a Binary attribute value is decoded from base64', () => {
  const attributes = parseMessageAttributes(['blob:Binary=AAEC']);
  assert.deepEqual([...(attributes['blob']?.BinaryValue ?? [])], [0, 1, 2]);
  assert.equal(attributes['blob']?.DataType, 'Binary');
});

test('unknown types, bad base64 and missing names are usage errors', () => {
  for (const pair of ['x:Date=today', 'b:Binary=not base64!', ':String=v', 'novalue']) {
    assert.throws(() => parseMessageAttributes([pair]), UsageError, pair);
  }
});
