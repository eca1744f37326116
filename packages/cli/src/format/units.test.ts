import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatDurationSeconds, formatTimestampMs } from './units.js';

test('durations show the two largest non-zero units', () => {
  assert.equal(formatDurationSeconds(0), '0s');
  assert.equal(formatDurationSeconds(59.9), '59s');
  assert.equal(formatDurationSeconds(61), '1m 1s');
  assert.equal(formatDurationSeconds(3723), '1h 2m');
  assert.equal(formatDurationSeconds(3600), '1h');
  assert.equal(formatDurationSeconds(90061), '1d 1h');
  assert.equal(formatDurationSeconds(-5), '0s');
});

test('sizes use binary units with one decimal above 1 KiB', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(64 * 1024 * 1024), '64.0 MiB');
  assert.equal(formatBytes(3 * 1024 ** 4), '3.0 TiB');
});

test('timestamps are UTC ISO 8601 to the second, and a non-number is a dash', () => {
  assert.equal(formatTimestampMs(1_700_000_000_123), '2023-11-14T22:13:20Z');
  assert.equal(formatTimestampMs(Number.NaN), '-');
});
