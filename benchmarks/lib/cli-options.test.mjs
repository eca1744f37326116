import assert from 'node:assert/strict';
import { it } from 'node:test';
import { positiveIntegerOf } from './cli-options.mjs';

it('reads whole numbers from 1 up and refuses everything else', () => {
  assert.equal(positiveIntegerOf('1'), 1);
  assert.equal(positiveIntegerOf('128'), 128);
  for (const text of ['0', '-3', '1.5', 'x', '', 'NaN', 'Infinity', undefined]) {
    assert.equal(positiveIntegerOf(text), undefined, String(text));
  }
});
