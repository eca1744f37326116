import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeIndexFile, encodeIndexFile } from './index-file.js';
import { OffsetIndex } from './offset-index.js';

function sampleIndex(): OffsetIndex {
  const index = new OffsetIndex();
  for (const position of [0, 40, 100, 2000]) index.push(position);
  return index;
}

function encodedSample(): Buffer {
  return encodeIndexFile({
    baseOffset: 500,
    dataBytes: 2080,
    fileBytes: 2100,
    index: sampleIndex(),
  });
}

test('an index file decodes to the positions and data size it was written with', () => {
  const decoded = decodeIndexFile(encodedSample(), 500, 2100);
  assert.ok('index' in decoded);
  assert.deepEqual([...decoded.index.positions()], [0, 40, 100, 2000]);
  assert.equal(decoded.dataBytes, 2080);
});

test('any flipped byte, a truncation or a different segment size makes an index file untrusted', () => {
  const encoded = encodedSample();
  for (let position = 0; position < encoded.length; position++) {
    const damaged = Buffer.from(encoded);
    damaged[position] = (damaged[position] as number) ^ 0x10;
    assert.ok('problem' in decodeIndexFile(damaged, 500, 2100), `byte ${position}`);
  }
  for (let length = 0; length < encoded.length; length++) {
    assert.ok('problem' in decodeIndexFile(encoded.subarray(0, length), 500, 2100));
  }
  assert.ok('problem' in decodeIndexFile(encoded, 500, 2101));
  assert.ok('problem' in decodeIndexFile(encoded, 501, 2100));
});
