import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverLimits } from '../server-limits.js';
import { queueAddressCacheSize, queueAddressOf } from './queue-directory.js';

test('queue URLs parse to account and decoded name, by full URL or by path', () => {
  assert.deepEqual(queueAddressOf('http://localhost:9324/000000000000/my%2Dq'), {
    accountId: '000000000000',
    name: 'my-q',
  });
  assert.deepEqual(queueAddressOf('/000000000000/q'), { accountId: '000000000000', name: 'q' });
  assert.equal(queueAddressOf('not a url'), undefined);
  assert.equal(queueAddressOf('http://h/000000000000/q/extra'), undefined);
});

test('the parsed-URL cache never holds more than its bound, nor URLs over its length bound', () => {
  const count = serverLimits.queueAddressCacheCountMax + 10;
  for (let index = 0; index < count; index++) {
    assert.equal(queueAddressOf(`http://h${index}/000000000000/q`)?.name, 'q');
    assert.ok(queueAddressCacheSize() <= serverLimits.queueAddressCacheCountMax);
  }
  const before = queueAddressCacheSize();
  const longHost = 'h'.repeat(serverLimits.queueAddressCacheUrlLengthMax);
  assert.equal(queueAddressOf(`http://${longHost}/000000000000/q`)?.accountId, '000000000000');
  assert.equal(queueAddressCacheSize(), before);
});
