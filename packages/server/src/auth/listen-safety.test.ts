import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../config.js';
import { assertSafeToListen, isLoopbackHost } from './listen-safety.js';

test('loopback names and addresses are recognised and nothing else is', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
    assert.equal(isLoopbackHost(host), true, host);
  }
  for (const host of [
    '0.0.0.0',
    '::',
    '10.0.0.1',
    '128.0.0.1',
    'example.com',
    '127.0.0.1.example.com',
  ]) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

test('without credentials the server refuses a non-loopback address unless told --insecure', () => {
  assert.throws(
    () => assertSafeToListen({ host: '0.0.0.0', credentialsConfigured: false, insecure: false }),
    (error: Error) => error instanceof ConfigError && /--insecure/.test(error.message),
  );
  assertSafeToListen({ host: '0.0.0.0', credentialsConfigured: false, insecure: true });
  assertSafeToListen({ host: '0.0.0.0', credentialsConfigured: true, insecure: false });
  assertSafeToListen({ host: '127.0.0.1', credentialsConfigured: false, insecure: false });
});
