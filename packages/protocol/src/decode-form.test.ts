import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqsLimits } from '@sluice/core';
import { decodeForm } from './decode-form.js';
import { assertSqsError } from './test-assertions.js';

function decode(text: string): Record<string, string> {
  const parameters = new Map<string, string>();
  decodeForm(text, parameters);
  return Object.fromEntries(parameters);
}

test('form decoding turns + into space and percent-escapes into UTF-8 text', () => {
  assert.deepEqual(decode('a=hello+world&b=%E2%9C%93%2B%26%3D'), { a: 'hello world', b: '✓+&=' });
});

test('names without a value read as empty, empty pairs are skipped and the first repeat wins', () => {
  assert.deepEqual(decode('flag&&x=1&x=2&=orphan&y='), { flag: '', x: '1', y: '' });
});

test('a request may carry at most the configured number of parameters', () => {
  const many = Array.from(
    { length: sqsLimits.queryParameterCountMax + 1 },
    (_, index) => `p${index}=1`,
  ).join('&');
  assertSqsError(() => decode(many), 'InvalidQueryParameter');
  const exactly = Array.from(
    { length: sqsLimits.queryParameterCountMax },
    (_, index) => `p${index}=1`,
  ).join('&');
  assert.equal(Object.keys(decode(exactly)).length, sqsLimits.queryParameterCountMax);
});

test('many pairs without = decode in linear time (no rescanning of the whole text)', () => {
  const pairs = `${'a&'.repeat(4000)}b=${'x'.repeat(2_000_000)}`;
  assert.deepEqual(Object.keys(decode(pairs)), ['a', 'b']);
});
