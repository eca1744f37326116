import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { toCliError } from './classify-error.js';
import {
  CannotConnectError,
  CommandError,
  ServerError,
  UsageError,
  exitCodes,
} from './cli-errors.js';

const endpoint = 'http://127.0.0.1:9324';

test('an SDK service exception becomes a ServerError with its SQS code, exit 1', () => {
  const error = toCliError(
    new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }),
    endpoint,
  );
  assert.ok(error instanceof ServerError);
  assert.equal(error.code, 'QueueDoesNotExist');
  assert.equal(error.message, 'QueueDoesNotExist: The specified queue does not exist.');
  assert.equal(error.exitCode, exitCodes.failed);
});

test('a refused connection, even nested in an AggregateError cause, is "cannot connect", exit 3', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED ::1:9324'), {
    code: 'ECONNREFUSED',
  });
  const nested = new Error('fetch failed', { cause: new AggregateError([refused], 'all failed') });
  for (const error of [refused, nested]) {
    const classified = toCliError(error, endpoint);
    assert.ok(classified instanceof CannotConnectError);
    assert.equal(classified.exitCode, exitCodes.cannotConnect);
    assert.match(
      classified.message,
      /^cannot connect to http:\/\/127\.0\.0\.1:9324: connection refused/,
    );
  }
});

test('an unknown host and a timeout are "cannot connect" too', () => {
  const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' });
  assert.match(toCliError(notFound, endpoint).message, /host not found/);
  const timeout = Object.assign(new Error('socket did not connect'), { name: 'TimeoutError' });
  assert.equal(toCliError(timeout, endpoint).exitCode, exitCodes.cannotConnect);
});

test('CliErrors pass through unchanged and anything else is a CommandError, exit 1', () => {
  const usage = new UsageError('bad');
  assert.equal(toCliError(usage, endpoint), usage);
  const other = toCliError(new Error('InvalidChecksumError'), endpoint);
  assert.ok(other instanceof CommandError);
  assert.equal(other.exitCode, exitCodes.failed);
  assert.equal(toCliError('a string', endpoint).message, 'a string');
});
