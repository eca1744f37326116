import { test } from 'node:test';
import { validateReceiveMessage } from './validate-receive.js';
import { assertSqsError } from './test-assertions.js';

const queueUrl = 'http://localhost/000000000000/q';

test('ReceiveMessage accepts the full documented ranges of its parameters', () => {
  validateReceiveMessage({ QueueUrl: queueUrl });
  validateReceiveMessage({
    QueueUrl: queueUrl,
    MaxNumberOfMessages: 1,
    VisibilityTimeout: 0,
    WaitTimeSeconds: 0,
  });
  validateReceiveMessage({
    QueueUrl: queueUrl,
    MaxNumberOfMessages: 10,
    VisibilityTimeout: 43200,
    WaitTimeSeconds: 20,
  });
});

test('MaxNumberOfMessages outside 1-10 is InvalidParameterValue in SQS wording', () => {
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 }),
    'InvalidParameterValue',
    'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
  );
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, MaxNumberOfMessages: 0 }),
    'InvalidParameterValue',
  );
});

test('WaitTimeSeconds outside 0-20 and VisibilityTimeout outside 0-43200 are InvalidParameterValue', () => {
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, WaitTimeSeconds: 21 }),
    'InvalidParameterValue',
    'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
  );
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, WaitTimeSeconds: -1 }),
    'InvalidParameterValue',
  );
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, VisibilityTimeout: 43201 }),
    'InvalidParameterValue',
  );
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, VisibilityTimeout: -1 }),
    'InvalidParameterValue',
  );
});

test('system attribute names must be known names or All, in either list', () => {
  validateReceiveMessage({
    QueueUrl: queueUrl,
    AttributeNames: ['All', 'SentTimestamp'],
    MessageSystemAttributeNames: [
      'ApproximateReceiveCount',
      'AWSTraceHeader',
      'DeadLetterQueueSourceArn',
    ],
  });
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['Bogus'] }),
    'InvalidAttributeName',
    'Unknown Attribute Bogus.',
  );
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    'InvalidAttributeName',
  );
});

test('message attribute names to receive may be names, All or prefixes ending in .*', () => {
  validateReceiveMessage({
    QueueUrl: queueUrl,
    MessageAttributeNames: ['All', '.*', 'trace.*', 'name'],
  });
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, MessageAttributeNames: [''] }),
    'InvalidParameterValue',
  );
});

test('a ReceiveRequestAttemptId follows the FIFO id rules', () => {
  validateReceiveMessage({ QueueUrl: queueUrl, ReceiveRequestAttemptId: 'attempt-1!' });
  assertSqsError(
    () => validateReceiveMessage({ QueueUrl: queueUrl, ReceiveRequestAttemptId: 'has space' }),
    'InvalidParameterValue',
    'ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
  );
});
