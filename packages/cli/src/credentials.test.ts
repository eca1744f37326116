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

test('a chain that found nothing is not asked again, and concurrent requests share one attempt', async () => {
  let attempts = 0;
  const provider = withFallbackCredentials(() => {
    attempts += 1;
    return Promise.reject(new Error('no credentials'));
  }, {});
  const concurrent = await Promise.all(Array.from({ length: 16 }, () => provider()));
  assert.equal(attempts, 1);
  for (let request = 0; request < 10; request++) await provider();
  assert.equal(attempts, 1);
  assert.deepEqual(concurrent[15], { accessKeyId: 'sluice', secretAccessKey: 'sluice' });
});

test('credentials the chain found are asked for again later (the SDK refreshes them), once at a time', async () => {
  let attempts = 0;
  const provider = withFallbackCredentials(() => {
    attempts += 1;
    return Promise.resolve({ accessKeyId: `key-${attempts}`, secretAccessKey: 'secret' });
  }, {});
  const concurrent = await Promise.all([provider(), provider(), provider()]);
  assert.equal(attempts, 1);
  assert.deepEqual(
    concurrent.map((credentials) => credentials.accessKeyId),
    ['key-1', 'key-1', 'key-1'],
  );
  assert.equal((await provider()).accessKeyId, 'key-2');
});

test('a chain that throws instead of rejecting also falls back', async () => {
  const provider = withFallbackCredentials(() => {
    throw new Error('no profile file');
  }, {});
  assert.deepEqual(await provider(), { accessKeyId: 'sluice', secretAccessKey: 'sluice' });
});
