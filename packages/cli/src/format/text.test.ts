import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, escapeControlCharacters, truncate } from './text.js';

test('control characters become visible escapes so a cell stays on one line', () => {
  assert.equal(escapeControlCharacters('a\nb\tc\rd'), 'a\\nb\\tc\\rd');
  assert.equal(escapeControlCharacters('\u001b[31mred'), '\\x1b[31mred');
  assert.equal(escapeControlCharacters('\u0085 \u007f'), '\\x85 \\x7f');
  assert.equal(escapeControlCharacters('plain é 日本 😀'), 'plain é 日本 😀');
});

test('truncate keeps short text and cuts long text to the maximum with an ellipsis', () => {
  assert.equal(truncate('hello', 5), 'hello');
  assert.equal(truncate('hello!', 5), 'hell…');
  assert.equal(truncate('😀😀😀', 2), '😀…');
});

test('display width counts code points, not UTF-16 units', () => {
  assert.equal(displayWidth('😀a'), 2);
});
