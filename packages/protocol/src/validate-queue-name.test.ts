import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidQueueNameSyntax, validateQueueName } from './validate-queue-name.js';
import { assertSqsError } from './test-assertions.js';

const standardMessage =
  'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
const fifoMessage =
  'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.';

test('standard queue names of 1 to 80 alphanumeric, hyphen and underscore characters are accepted', () => {
  for (const name of ['a', 'My-Queue_01', 'x'.repeat(80)]) validateQueueName(name, false);
});

test('a standard queue name that is empty, too long or has other characters is InvalidParameterValue', () => {
  for (const name of [
    '',
    'x'.repeat(81),
    'has space',
    'dot.name',
    'slash/name',
    'ünicode',
    'tab\t',
  ]) {
    assertSqsError(() => validateQueueName(name, false), 'InvalidParameterValue', standardMessage);
  }
});

test('a standard queue may not take the .fifo suffix', () => {
  assertSqsError(
    () => validateQueueName('orders.fifo', false),
    'InvalidParameterValue',
    standardMessage,
  );
});

test('a FIFO queue name must end in .fifo, and the suffix counts towards the 80 characters', () => {
  validateQueueName('orders.fifo', true);
  validateQueueName(`${'x'.repeat(75)}.fifo`, true);
  for (const name of ['orders', `${'x'.repeat(76)}.fifo`, '.fifo', 'bad name.fifo']) {
    assertSqsError(() => validateQueueName(name, true), 'InvalidParameterValue', fifoMessage);
  }
});

test('queue name syntax accepts both kinds of name, as a URL or ARN may carry either', () => {
  assert.equal(isValidQueueNameSyntax('jobs'), true);
  assert.equal(isValidQueueNameSyntax('jobs.fifo'), true);
  assert.equal(isValidQueueNameSyntax('jobs.other'), false);
  assert.equal(isValidQueueNameSyntax(''), false);
});
