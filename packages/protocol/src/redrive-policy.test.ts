import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRedriveAllowPolicy, parseRedrivePolicy } from './redrive-policy.js';
import { assertSqsError } from './test-assertions.js';

const dlq = 'arn:aws:sqs:us-east-1:000000000000:dlq';
const policy = (document: object) => JSON.stringify(document);

test('a RedrivePolicy names a dead-letter queue ARN and a maxReceiveCount as number or string', () => {
  assert.deepEqual(parseRedrivePolicy(policy({ deadLetterTargetArn: dlq, maxReceiveCount: 5 })), {
    deadLetterTargetArn: dlq,
    maxReceiveCount: 5,
  });
  assert.equal(
    parseRedrivePolicy(policy({ deadLetterTargetArn: dlq, maxReceiveCount: '1000' }))
      .maxReceiveCount,
    1000,
  );
});

test('a RedrivePolicy that is not a JSON map is InvalidParameterValue in SQS wording', () => {
  for (const text of ['nope', '[]', '"x"', 'null']) {
    assertSqsError(
      () => parseRedrivePolicy(text),
      'InvalidParameterValue',
      `Value ${text} for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map.`,
    );
  }
});

test('a RedrivePolicy missing either mandatory attribute is refused, naming it', () => {
  assertSqsError(
    () => parseRedrivePolicy(policy({ maxReceiveCount: 5 })),
    'InvalidParameterValue',
    'mandatory attribute: deadLetterTargetArn.',
  );
  assertSqsError(
    () => parseRedrivePolicy(policy({ deadLetterTargetArn: dlq })),
    'InvalidParameterValue',
    'mandatory attribute: maxReceiveCount.',
  );
});

test('maxReceiveCount must be an integer from 1 to 1000', () => {
  for (const count of [0, 1001, 2.5, '0', 'ten', -1, true]) {
    assertSqsError(
      () => parseRedrivePolicy(policy({ deadLetterTargetArn: dlq, maxReceiveCount: count })),
      'InvalidParameterValue',
      'valid values are from 1 to 1000 both inclusive.',
    );
  }
});

test('a RedrivePolicy with an attribute SQS does not know, or a target that is no queue ARN, is refused', () => {
  assertSqsError(
    () => parseRedrivePolicy(policy({ deadLetterTargetArn: dlq, maxReceiveCount: 5, extra: 1 })),
    'InvalidParameterValue',
    'Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount].',
  );
  assertSqsError(
    () =>
      parseRedrivePolicy(
        policy({ deadLetterTargetArn: 'arn:aws:sns:us-east-1:000000000000:t', maxReceiveCount: 5 }),
      ),
    'InvalidParameterValue',
    'Invalid value for deadLetterTargetArn.',
  );
});

test('a RedriveAllowPolicy allows all, denies all, or lists 1 to 10 source queues by ARN', () => {
  assert.deepEqual(parseRedriveAllowPolicy(policy({ redrivePermission: 'allowAll' })), {
    redrivePermission: 'allowAll',
  });
  assert.deepEqual(parseRedriveAllowPolicy(policy({ redrivePermission: 'denyAll' })), {
    redrivePermission: 'denyAll',
  });
  assert.deepEqual(
    parseRedriveAllowPolicy(policy({ redrivePermission: 'byQueue', sourceQueueArns: [dlq] })),
    {
      redrivePermission: 'byQueue',
      sourceQueueArns: [dlq],
    },
  );
});

test('a RedriveAllowPolicy with a bad permission, source list or extra attribute is InvalidParameterValue', () => {
  const documents = [
    { redrivePermission: 'some' },
    { redrivePermission: 'byQueue' },
    { redrivePermission: 'byQueue', sourceQueueArns: [] },
    { redrivePermission: 'byQueue', sourceQueueArns: Array.from({ length: 11 }, () => dlq) },
    { redrivePermission: 'byQueue', sourceQueueArns: ['not-an-arn'] },
    { redrivePermission: 'allowAll', sourceQueueArns: [dlq] },
    { redrivePermission: 'allowAll', other: 1 },
  ];
  for (const document of documents) {
    assertSqsError(
      () => parseRedriveAllowPolicy(policy(document)),
      'InvalidParameterValue',
      'for parameter RedriveAllowPolicy is invalid.',
    );
  }
});
