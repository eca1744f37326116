import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storageLimits } from '@sluice/core';
import {
  createRecordView,
  encodeRecord,
  parseOutcomes,
  parseRecordAt,
  readUint64,
  recordBytesFor,
  recordHeaderBytes,
  writeUint64,
} from './record-format.js';

function encoded(payload: Buffer, offset = 7, epoch = 3, type = 9): Buffer {
  const buffer = Buffer.alloc(recordBytesFor(payload.length));
  encodeRecord(buffer, 0, offset, epoch, type, payload);
  return buffer;
}

test('an encoded record parses back to the same offset, epoch, type and payload', () => {
  const payload = Buffer.from('the body of a message');
  const buffer = encoded(payload, 2 ** 40 + 5, 2 ** 35 + 1, 254);
  const view = createRecordView();
  assert.equal(parseRecordAt(buffer, 0, buffer.length, view), parseOutcomes.ok);
  assert.equal(view.offset, 2 ** 40 + 5);
  assert.equal(view.epoch, 2 ** 35 + 1);
  assert.equal(view.type, 254);
  assert.equal(view.recordBytes, recordHeaderBytes + payload.length);
  assert.deepEqual(buffer.subarray(view.payloadStart, view.payloadEnd), payload);
});

test('flipping any single bit of a record makes it fail to parse', () => {
  const buffer = encoded(Buffer.from('sixteen bytes!!!'));
  const view = createRecordView();
  for (let position = 0; position < buffer.length; position++) {
    for (let bit = 0; bit < 8; bit++) {
      const damaged = Buffer.from(buffer);
      damaged[position] = (damaged[position] as number) ^ (1 << bit);
      const outcome = parseRecordAt(damaged, 0, damaged.length, view);
      assert.notEqual(outcome, parseOutcomes.ok, `bit ${bit} of byte ${position}`);
    }
  }
});

test('a record cut short anywhere is incomplete, never parsed', () => {
  const buffer = encoded(Buffer.from('payload'));
  const view = createRecordView();
  for (let end = 0; end < buffer.length; end++) {
    assert.equal(parseRecordAt(buffer, 0, end, view), parseOutcomes.incomplete, `end ${end}`);
  }
});

test('zero-filled space and absurd lengths are rejected before anything is read or allocated', () => {
  const view = createRecordView();
  assert.equal(parseRecordAt(Buffer.alloc(64), 0, 64, view), parseOutcomes.lengthInvalid);
  const huge = Buffer.alloc(64);
  huge.writeUInt32LE(17 + storageLimits.recordPayloadBytesMax + 1, 0);
  assert.equal(parseRecordAt(huge, 0, 64, view), parseOutcomes.lengthInvalid);
});

test('u64 fields round-trip every safe integer magnitude and refuse unsafe ones', () => {
  const buffer = Buffer.alloc(8);
  for (const value of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 52 + 3, Number.MAX_SAFE_INTEGER]) {
    writeUint64(buffer, 0, value);
    assert.equal(readUint64(buffer, 0), value);
  }
  buffer.writeUInt32LE(2 ** 21, 4);
  assert.equal(readUint64(buffer, 0), -1);
});
