import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { CommandError } from './cli-errors.js';
import { readStdinText } from './read-stdin.js';

test('stdin is read whole as UTF-8, even when a character spans two chunks', async () => {
  const euro = Buffer.from('€', 'utf8');
  const chunks = [Buffer.from('price: '), euro.subarray(0, 1), euro.subarray(1), Buffer.from('5')];
  assert.equal(await readStdinText(Readable.from(chunks), 100), 'price: €5');
});

test('stdin larger than the maximum is refused instead of buffered', async () => {
  const chunks = [Buffer.alloc(6, 'a'), Buffer.alloc(6, 'b')];
  await assert.rejects(readStdinText(Readable.from(chunks), 10), CommandError);
  assert.equal(await readStdinText(Readable.from([Buffer.alloc(10, 'a')]), 10), 'a'.repeat(10));
});
