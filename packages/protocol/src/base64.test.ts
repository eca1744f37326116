import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64Strict } from './base64.js';

test('canonical base64, padded or not, decodes to its bytes', () => {
  assert.deepEqual(decodeBase64Strict('AQL/'), Buffer.from([1, 2, 255]));
  assert.deepEqual(decodeBase64Strict('AAE='), Buffer.from([0, 1]));
  assert.deepEqual(decodeBase64Strict('AAE'), Buffer.from([0, 1]));
  assert.deepEqual(decodeBase64Strict('AA=='), Buffer.from([0]));
  assert.deepEqual(decodeBase64Strict(''), Buffer.alloc(0));
});

test('text with characters outside the alphabet or misplaced padding is refused, not skipped', () => {
  for (const text of ['AQ L', 'AQ-_', 'A', 'AAE=A', 'AA===', '=AAA', 'AAA=====', 'ü', 'AQ\n']) {
    assert.equal(decodeBase64Strict(text), undefined, JSON.stringify(text));
  }
});
