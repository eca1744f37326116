import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isFifoQueueRequested,
  validateQueueAttributeNamesToGet,
  validateQueueAttributes,
  validateQueueAttributesForQueueType,
} from './validate-queue-attributes.js';
import { assertSqsError } from './test-assertions.js';

const ranges: Array<[string, number, number]> = [
  ['DelaySeconds', 0, 900],
  ['MaximumMessageSize', 1024, 1_048_576],
  ['MessageRetentionPeriod', 60, 1_209_600],
  ['ReceiveMessageWaitTimeSeconds', 0, 20],
  ['VisibilityTimeout', 0, 43_200],
  ['KmsDataKeyReusePeriodSeconds', 60, 86_400],
];

test('numeric queue attributes accept both ends of their documented range', () => {
  for (const [name, minimum, maximum] of ranges) {
    validateQueueAttributes({ [name]: String(minimum) }, 'CreateQueue');
    validateQueueAttributes({ [name]: String(maximum) }, 'SetQueueAttributes');
  }
});

test('numeric queue attributes outside their range or not integers are InvalidAttributeValue', () => {
  for (const [name, minimum, maximum] of ranges) {
    for (const value of [
      String(maximum + 1),
      minimum > 0 ? String(minimum - 1) : '-1',
      'abc',
      '1.5',
      '',
      ' 5',
    ]) {
      assertSqsError(
        () => validateQueueAttributes({ [name]: value }, 'CreateQueue'),
        'InvalidAttributeValue',
        `Invalid value for the parameter ${name}.`,
      );
    }
  }
});

test('unknown and read-only attribute names cannot be set: InvalidAttributeName', () => {
  for (const name of [
    'Bogus',
    'QueueArn',
    'ApproximateNumberOfMessages',
    'CreatedTimestamp',
    'All',
    '__proto__',
  ]) {
    assertSqsError(
      () => validateQueueAttributes({ [name]: '1' }, 'SetQueueAttributes'),
      'InvalidAttributeName',
      `Unknown Attribute ${name}.`,
    );
  }
});

test('boolean and choice attributes take only their documented values', () => {
  validateQueueAttributes(
    {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'False',
      SqsManagedSseEnabled: 'true',
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    },
    'CreateQueue',
  );
  for (const [name, value] of [
    ['ContentBasedDeduplication', 'yes'],
    ['DeduplicationScope', 'group'],
    ['FifoThroughputLimit', 'perqueue'],
  ] as const) {
    assertSqsError(
      () => validateQueueAttributes({ [name]: value }, 'CreateQueue'),
      'InvalidAttributeValue',
    );
  }
});

test('a Policy must be a JSON object, or empty to remove it', () => {
  validateQueueAttributes(
    { Policy: '{"Version":"2012-10-17","Statement":[]}' },
    'SetQueueAttributes',
  );
  validateQueueAttributes({ Policy: '' }, 'SetQueueAttributes');
  assertSqsError(
    () => validateQueueAttributes({ Policy: '[1]' }, 'SetQueueAttributes'),
    'InvalidAttributeValue',
  );
  assertSqsError(
    () => validateQueueAttributes({ Policy: '{' }, 'SetQueueAttributes'),
    'InvalidAttributeValue',
  );
});

test('redrive policies are checked as JSON documents (InvalidParameterValue)', () => {
  validateQueueAttributes(
    {
      RedrivePolicy:
        '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"5"}',
    },
    'CreateQueue',
  );
  validateQueueAttributes({ RedrivePolicy: '', RedriveAllowPolicy: '' }, 'SetQueueAttributes');
  assertSqsError(
    () => validateQueueAttributes({ RedrivePolicy: '{}' }, 'CreateQueue'),
    'InvalidParameterValue',
  );
  assertSqsError(
    () => validateQueueAttributes({ RedriveAllowPolicy: 'x' }, 'CreateQueue'),
    'InvalidParameterValue',
  );
});

test('SetQueueAttributes cannot change the queue type', () => {
  assertSqsError(
    () => validateQueueAttributes({ FifoQueue: 'true' }, 'SetQueueAttributes'),
    'InvalidAttributeValue',
    'Modifying queue type is not supported.',
  );
});

test('FifoThroughputLimit perMessageGroupId requires DeduplicationScope messageGroup', () => {
  assertSqsError(
    () =>
      validateQueueAttributes(
        { DeduplicationScope: 'queue', FifoThroughputLimit: 'perMessageGroupId' },
        'CreateQueue',
      ),
    'InvalidAttributeValue',
    'FifoThroughputLimit',
  );
});

test('FIFO-only attributes are unknown to a standard queue, but FifoQueue=false is accepted', () => {
  validateQueueAttributesForQueueType({ FifoQueue: 'false', VisibilityTimeout: '5' }, false);
  for (const name of [
    'ContentBasedDeduplication',
    'DeduplicationScope',
    'FifoThroughputLimit',
    'FifoQueue',
  ]) {
    assertSqsError(
      () => validateQueueAttributesForQueueType({ [name]: 'true' }, false),
      'InvalidAttributeName',
      `Unknown Attribute ${name}.`,
    );
  }
  validateQueueAttributesForQueueType({ ContentBasedDeduplication: 'true' }, true);
});

test('FifoQueue=true (any case) asks CreateQueue for a FIFO queue', () => {
  assert.equal(isFifoQueueRequested({ FifoQueue: 'true' }), true);
  assert.equal(isFifoQueueRequested({ FifoQueue: 'TRUE' }), true);
  assert.equal(isFifoQueueRequested({ FifoQueue: 'false' }), false);
  assert.equal(isFifoQueueRequested(undefined), false);
});

test('GetQueueAttributes may ask for any modeled attribute or All, nothing else', () => {
  validateQueueAttributeNamesToGet([
    'All',
    'QueueArn',
    'ApproximateNumberOfMessagesDelayed',
    'SqsManagedSseEnabled',
  ]);
  assertSqsError(
    () => validateQueueAttributeNamesToGet(['Nope']),
    'InvalidAttributeName',
    'Unknown Attribute Nope.',
  );
});
