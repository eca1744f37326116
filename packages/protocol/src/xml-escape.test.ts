import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml } from './xml-escape.js';

test('markup characters and quotes are escaped as SQS escapes them', () => {
  assert.equal(escapeXml(`<a href="x">&'</a>`), `&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;`);
});

test('a carriage return becomes &#13; so XML parsers do not normalize it away; tab and newline stay', () => {
  assert.equal(escapeXml('a\r\nb\tc'), 'a&#13;\nb\tc');
});

test('text without special characters is returned as it is', () => {
  const text = 'plain text ✓ 😀';
  assert.equal(escapeXml(text), text);
});

test('characters XML cannot carry become U+FFFD, valid surrogate pairs survive', () => {
  assert.equal(
    escapeXml('a\u0000b\u0008c\uffffd\ud800e\udc00f😀'),
    'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf😀',
  );
});
