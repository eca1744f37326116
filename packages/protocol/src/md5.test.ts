import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { md5OfMessageAttributes, md5OfMessageBody, md5OfMessageSystemAttributes } from './md5.js';

// Vectors that moto's and LocalStack's SQS test suites pin as what AWS returns.

test('MD5OfMessageBody is the hex MD5 of the body as UTF-8', () => {
  assert.equal(md5OfMessageBody('derp'), '58fd9edd83341c29f1aebba81c31e257');
  assert.equal(md5OfMessageBody('This is a test message'), 'fafb00f5732ab283681e124bf8747ed1');
});

test('MD5OfMessageAttributes matches AWS for a single Number attribute', () => {
  const timestamp = (value: string) => ({ timestamp: { DataType: 'Number', StringValue: value } });
  assert.equal(
    md5OfMessageAttributes(timestamp('1493147359900')),
    '235c5c510d26fb653d073faed50ae77c',
  );
  assert.equal(
    md5OfMessageAttributes(timestamp('1493147359901')),
    '994258b45346a2cc3f9cbb611aa7af30',
  );
  assert.equal(
    md5OfMessageAttributes({
      'SOME_Valid.attribute-Name': { DataType: 'Number', StringValue: '1493147359900' },
    }),
    '36655e7e9d7c0e8479fa3f3f42247ae7',
  );
});

test('MD5OfMessageAttributes matches AWS for String, Binary, Number and non-ASCII attributes in any order', () => {
  const attributes = {
    zzz: { DataType: 'Number', StringValue: '0230.01' },
    öther_encodings: { DataType: 'String', StringValue: 'Tüst' },
    ccc: { DataType: 'String', StringValue: 'testjunk' },
    aaa: { DataType: 'Binary', BinaryValue: Buffer.from([2, 3, 4]) },
  };
  assert.equal(md5OfMessageAttributes(attributes), '8ae21a7957029ef04146b42aeaa18a22');
});

test('MD5OfMessageAttributes encodes a binary value with transport byte 2 and length prefixes', () => {
  // name(4+3) type(4+6) transport(1) value(4+2), built by hand.
  const expected = Buffer.concat([
    Buffer.from([0, 0, 0, 3]),
    Buffer.from('bin'),
    Buffer.from([0, 0, 0, 6]),
    Buffer.from('Binary'),
    Buffer.from([2]),
    Buffer.from([0, 0, 0, 2]),
    Buffer.from('hi'),
  ]);
  assert.equal(
    md5OfMessageAttributes({ bin: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } }),
    createHash('md5').update(expected).digest('hex'),
  );
});

test('a message without attributes has no MD5OfMessageAttributes, as SQS omits it', () => {
  assert.equal(md5OfMessageAttributes(undefined), undefined);
  assert.equal(md5OfMessageAttributes({}), undefined);
});

test('MD5OfMessageSystemAttributes uses the same algorithm over AWSTraceHeader', () => {
  const attributes = { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988' } };
  assert.equal(md5OfMessageSystemAttributes(attributes), md5OfMessageAttributes(attributes));
});
