import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fallbackCredentials, withFallbackCredentials } from './credentials.js';

test('fallback credentials use each AWS_ variable that is set and "sluice" for the rest', () => {
  assert.deepEqual(fallbackCredentials({}), { accessKeyId: 'sluice', secretAccessKey: 'sluice' });
  assert.deepEqual(fallbackCredentials({ AWS_ACCESS_KEY_ID: 'key', AWS_SECRET_ACCESS_KEY: '' }), {
    accessKeyId: 'key',
    secretAccessKey: 'sluice',
  });
});

test('the default chain wins when it finds credentials, the fallback when it fails', async () => {
  const found = { accessKeyId: 'from-chain', secretAccessKey: 'secret' };
  assert.deepEqual(await withFallbackCredentials(() => Promise.resolve(found), {})(), found);
  const failing = withFallbackCredentials(() => Promise.reject(new Error('no credentials')), {
    AWS_SECRET_ACCESS_KEY: 'env-secret',
  });
  assert.deepEqual(await failing(), { accessKeyId: 'sluice', secretAccessKey: 'env-secret' });
});
