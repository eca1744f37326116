import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotBuffers, prefaultPages } from './snapshot-buffers.js';

const bytes = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);
const roomy = (): { bytesMax: number; bytesKept: number } => ({ bytesMax: 1 << 20, bytesKept: 0 });

test('snapshot buffers copy exactly, reuse their memory for the next lease, grow when short and shrink when mostly idle', () => {
  const buffers = new SnapshotBuffers(roomy());
  buffers.lease();
  const first = buffers.copy(0, bytes(1000, 1));
  assert.deepEqual(first, bytes(1000, 1));
  buffers.release();

  buffers.lease();
  const second = buffers.copy(0, bytes(1200, 2));
  assert.deepEqual(second, bytes(1200, 2));
  assert.equal(second.buffer, first.buffer, 'within the quarter to spare: the same memory');
  const grown = buffers.copy(1, bytes(10, 3));
  buffers.release();

  buffers.lease();
  const larger = buffers.copy(0, bytes(2000, 4));
  assert.notEqual(larger.buffer, first.buffer, 'too short: new memory');
  assert.equal(buffers.copy(1, bytes(10, 5)).buffer, grown.buffer);
  const smaller = buffers.copy(0, bytes(100, 6));
  assert.notEqual(smaller.buffer, larger.buffer, 'needing under a quarter: replaced by less');
  assert.deepEqual(smaller, bytes(100, 6));
  assert.equal(buffers.bytes, 125 + Math.ceil(10 * 1.25));
  buffers.release();
});

test('snapshot buffers refuse a second lease before the release, and copies outside a lease', () => {
  const buffers = new SnapshotBuffers(roomy());
  assert.throws(() => buffers.copy(0, bytes(4, 1)), /lease/);
  buffers.lease();
  assert.throws(() => buffers.lease(), /still in use/);
  buffers.release();
  buffers.lease();
  buffers.release();
});

test('snapshot buffers keep no more than their shared budget: a copy past it is made and not kept, and a dropped queue gives its share back', () => {
  const budget = { bytesMax: 2000, bytesKept: 0 };
  const first = new SnapshotBuffers(budget);
  const second = new SnapshotBuffers(budget);
  first.lease();
  second.lease();
  first.copy(0, bytes(1000, 1));
  assert.equal(budget.bytesKept, 1250);
  const unkept = second.copy(0, bytes(1000, 2));
  assert.deepEqual(unkept, bytes(1000, 2));
  assert.equal(second.bytes, 0, 'over the budget: copied, not kept');
  assert.equal(budget.bytesKept, 1250);
  first.release();
  second.release();
  first.discard();
  assert.equal(budget.bytesKept, 0);
  second.lease();
  second.copy(0, bytes(1000, 3));
  assert.equal(second.bytes, 1250, 'with the share given back, kept');
  second.release();
});

test('reserve sizes a buffer ahead of the snapshot as copy would, and the copy then lands in that memory', () => {
  const budget = roomy();
  const buffers = new SnapshotBuffers(budget);
  const reserved = buffers.reserve(0, 1000);
  assert.ok(reserved !== undefined, 'new memory to prefault');
  assert.equal(reserved.length, 1250);
  assert.equal(budget.bytesKept, 1250);
  assert.equal(buffers.reserve(0, 1100), undefined, 'already fits: nothing new to prefault');
  buffers.lease();
  assert.throws(() => buffers.reserve(1, 10), /in use/);
  const copy = buffers.copy(0, bytes(1100, 7));
  assert.equal(copy.buffer, reserved.buffer);
  assert.deepEqual(copy, bytes(1100, 7));
  buffers.release();
});

test('reserve keeps to the budget: past it nothing is kept, and the snapshot copies into memory of its own', () => {
  const budget = { bytesMax: 1000, bytesKept: 0 };
  const buffers = new SnapshotBuffers(budget);
  assert.equal(buffers.reserve(0, 900), undefined, '1,125 bytes with the spare quarter');
  assert.equal(budget.bytesKept, 0);
  buffers.lease();
  const source = bytes(900, 3);
  const copy = buffers.copy(0, source);
  assert.deepEqual(copy, source);
  assert.equal(budget.bytesKept, 0);
  buffers.release();
});

test('prefaultPages steps through a buffer a page at a time without changing a byte of it', () => {
  const buffer = new Uint8Array(5 * 4096 + 100);
  for (let index = 0; index < buffer.length; index++) buffer[index] = index % 251;
  const before = buffer.slice();
  const steps: number[] = [];
  for (let at = 0; at < buffer.length;) {
    at = prefaultPages(buffer, at, 2 * 4096);
    steps.push(at);
  }
  assert.deepEqual(steps, [2 * 4096, 4 * 4096, buffer.length]);
  assert.deepEqual(buffer, before);
});
