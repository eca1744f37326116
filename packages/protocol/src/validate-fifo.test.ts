import { test } from 'node:test';
import { validateFifoId, validateSendForQueue } from './validate-fifo.js';
import { assertSqsError } from './test-assertions.js';

const standard = { fifo: false, contentBasedDeduplication: false };
const fifo = { fifo: true, contentBasedDeduplication: false };
const fifoContentBased = { fifo: true, contentBasedDeduplication: true };

test('FIFO ids of 1-128 alphanumeric or punctuation characters are accepted', () => {
  validateFifoId('MessageGroupId', 'g');
  validateFifoId('MessageGroupId', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~Az09');
  validateFifoId('MessageDeduplicationId', 'd'.repeat(128));
});

test('FIFO ids that are empty, longer than 128 or hold spaces or non-ASCII are InvalidParameterValue', () => {
  for (const id of ['', 'd'.repeat(129), 'has space', 'tab\t', 'ünï']) {
    assertSqsError(
      () => validateFifoId('MessageDeduplicationId', id),
      'InvalidParameterValue',
      `Value ${id} for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
});

test('a standard queue takes a MessageGroupId (fair queues) but not a MessageDeduplicationId', () => {
  validateSendForQueue({ MessageGroupId: 'tenant-1', DelaySeconds: 5 }, standard);
  assertSqsError(
    () => validateSendForQueue({ MessageDeduplicationId: 'd' }, standard),
    'InvalidParameterValue',
    'The request include parameter that is not valid for this queue type.',
  );
});

test('a FIFO queue requires a MessageGroupId', () => {
  assertSqsError(
    () => validateSendForQueue({ MessageDeduplicationId: 'd' }, fifo),
    'MissingParameter',
    'The request must contain the parameter MessageGroupId.',
  );
});

test('a FIFO queue requires a MessageDeduplicationId unless content-based deduplication is on', () => {
  assertSqsError(
    () => validateSendForQueue({ MessageGroupId: 'g' }, fifo),
    'InvalidParameterValue',
    'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
  );
  validateSendForQueue({ MessageGroupId: 'g' }, fifoContentBased);
  validateSendForQueue({ MessageGroupId: 'g', MessageDeduplicationId: 'd' }, fifo);
});

test('a FIFO queue refuses a per-message delay', () => {
  assertSqsError(
    () =>
      validateSendForQueue(
        { MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 5 },
        fifo,
      ),
    'InvalidParameterValue',
    'Value 5 for parameter DelaySeconds is invalid.',
  );
  validateSendForQueue({ MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 0 }, fifo);
});
