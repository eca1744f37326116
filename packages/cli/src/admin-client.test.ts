import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminError } from './admin-client.js';

test('admin errors take their code from __type, code or error, else the HTTP status', () => {
  const status = { status: 404, statusText: 'Not Found' };
  const sqsShaped = adminError(
    status,
    '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}',
  );
  assert.equal(sqsShaped.message, 'QueueDoesNotExist: gone');
  assert.equal(adminError(status, '{"error":"NotFound","message":"No route"}').code, 'NotFound');
  assert.equal(adminError(status, '{"code":"Throttled"}').message, 'Throttled: Not Found');
  assert.equal(
    adminError({ status: 502, statusText: 'Bad Gateway' }, '<html>').message,
    'HTTP 502: Bad Gateway',
  );
});
