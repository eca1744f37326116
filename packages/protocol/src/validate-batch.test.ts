import { test } from 'node:test';
import { sqsLimits } from '@sluice/core';
import { validateBatchEntries, validateBatchSize } from './validate-batch.js';
import { assertSqsError } from './test-assertions.js';

const entries = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ Id: `id-${index}` }));

test('a batch with no entries is EmptyBatchRequest naming the entry type', () => {
  assertSqsError(
    () => validateBatchEntries([], 'SendMessageBatchRequestEntry'),
    'EmptyBatchRequest',
    'There should be at least one SendMessageBatchRequestEntry in the request.',
  );
});

test('a batch of 10 entries is accepted and 11 is TooManyEntriesInBatchRequest', () => {
  validateBatchEntries(entries(10), 'DeleteMessageBatchRequestEntry');
  assertSqsError(
    () => validateBatchEntries(entries(11), 'DeleteMessageBatchRequestEntry'),
    'TooManyEntriesInBatchRequest',
    'Maximum number of entries per request are 10. You have sent 11.',
  );
});

test('entry ids are 1-80 alphanumeric, hyphen or underscore characters, else InvalidBatchEntryId', () => {
  validateBatchEntries([{ Id: 'A-z_0' }, { Id: 'x'.repeat(80) }], 'E');
  for (const id of ['', 'x'.repeat(81), 'has space', 'dot.id', 'ü']) {
    assertSqsError(
      () => validateBatchEntries([{ Id: id }], 'E'),
      'InvalidBatchEntryId',
      'alphanumeric',
    );
  }
});

test('two entries with the same id are BatchEntryIdsNotDistinct', () => {
  assertSqsError(
    () => validateBatchEntries([{ Id: 'a' }, { Id: 'b' }, { Id: 'a' }], 'E'),
    'BatchEntryIdsNotDistinct',
    'Id a repeated.',
  );
});

test('a send batch whose messages total more than 1 MiB is BatchRequestTooLong', () => {
  const half = 'x'.repeat(sqsLimits.batchRequestBytesMax / 2);
  validateBatchSize([
    { Id: 'a', MessageBody: half },
    { Id: 'b', MessageBody: half },
  ]);
  assertSqsError(
    () =>
      validateBatchSize([
        { Id: 'a', MessageBody: half },
        { Id: 'b', MessageBody: `${half}x` },
      ]),
    'BatchRequestTooLong',
    `Batch requests cannot be longer than ${sqsLimits.batchRequestBytesMax} bytes. You have sent ${sqsLimits.batchRequestBytesMax + 1} bytes.`,
  );
});
