import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpiringRecords } from './expiring-records.js';

const ids = (records: ExpiringRecords<{ expiresAtMs: number }>): string[] =>
  [...records.entries()].map(([id]) => id);

test('expiring records expire oldest first and list the live ones in the order of their latest record', () => {
  const records = new ExpiringRecords<{ expiresAtMs: number }>();
  records.record('a', { expiresAtMs: 10 });
  records.record('b', { expiresAtMs: 20 });
  records.record('a', { expiresAtMs: 30 });
  assert.deepEqual(ids(records), ['b', 'a']);
  records.expire(20);
  assert.deepEqual(ids(records), ['a'], 'the re-recorded a outlives its first record');
  assert.equal(records.find('a', 29)?.expiresAtMs, 30);
  assert.equal(records.find('a', 30), undefined);
});

test('forgetting the oldest skips records replaced since', () => {
  const records = new ExpiringRecords<{ expiresAtMs: number }>();
  records.record('a', { expiresAtMs: 10 });
  records.record('b', { expiresAtMs: 20 });
  records.record('a', { expiresAtMs: 30 });
  records.forgetOldest();
  assert.deepEqual(ids(records), ['a']);
});

test('many expiries keep working after the order lists are compacted', () => {
  const records = new ExpiringRecords<{ expiresAtMs: number }>();
  for (let time = 0; time < 10_000; time++) {
    records.record(`id-${time}`, { expiresAtMs: time + 100 });
    records.expire(time);
  }
  assert.equal(records.size, 100);
  assert.deepEqual(ids(records).slice(0, 2), ['id-9900', 'id-9901']);
});
