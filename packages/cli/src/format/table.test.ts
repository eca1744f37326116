import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatKeyValues, formatTable } from './table.js';

test('tables align columns two spaces apart under upper-case titles with no trailing spaces', () => {
  const text = formatTable(
    [{ title: 'name' }, { title: 'visible', align: 'right' }, { title: 'note' }],
    [
      ['orders', '12', ''],
      ['a', '3', 'x'],
    ],
  );
  assert.equal(text, 'NAME    VISIBLE  NOTE\norders       12\na             3  x\n');
});

test('table cells with newlines or escape sequences cannot break the layout', () => {
  const text = formatTable([{ title: 'body' }, { title: 'n' }], [['two\nlines', '1']]);
  assert.equal(text, 'BODY        N\ntwo\\nlines  1\n');
  assert.equal(text.split('\n').length, 3);
});

test('key: value lines align the values after the longest key', () => {
  assert.equal(
    formatKeyValues([
      ['version', '1.0'],
      ['data directory', '/var/lib/sluice'],
    ]),
    'version:        1.0\ndata directory: /var/lib/sluice\n',
  );
});

test('key: value lines escape control characters in values', () => {
  assert.equal(formatKeyValues([['Body', 'a\nb']]), 'Body: a\\nb\n');
});
