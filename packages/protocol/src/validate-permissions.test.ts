import { test } from 'node:test';
import { validateAddPermission, validatePermissionLabel } from './validate-permissions.js';
import { assertSqsError } from './test-assertions.js';

const base = {
  QueueUrl: 'http://localhost/000000000000/q',
  Label: 'AliceSendMessage',
  AWSAccountIds: ['111122223333'],
  Actions: ['SendMessage', 'ReceiveMessage'],
};

test('AddPermission accepts a label, 12-digit accounts and SQS action names or *', () => {
  validateAddPermission(base);
  validateAddPermission({ ...base, Actions: ['*'] });
});

test('a permission label must be 1-80 alphanumeric, hyphen or underscore characters', () => {
  for (const label of ['', 'x'.repeat(81), 'has space']) {
    assertSqsError(
      () => validatePermissionLabel(label),
      'InvalidParameterValue',
      'for parameter Label is invalid.',
    );
  }
});

test('AddPermission needs at least one account and one action', () => {
  assertSqsError(() => validateAddPermission({ ...base, AWSAccountIds: [] }), 'MissingParameter');
  assertSqsError(() => validateAddPermission({ ...base, Actions: [] }), 'MissingParameter');
});

test('AddPermission refuses account ids that are not 12 digits and unknown actions', () => {
  assertSqsError(
    () => validateAddPermission({ ...base, AWSAccountIds: ['12345'] }),
    'InvalidParameterValue',
  );
  assertSqsError(
    () => validateAddPermission({ ...base, Actions: ['Fly'] }),
    'InvalidParameterValue',
    'Value SQS:Fly for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions.',
  );
});

test('a statement holds at most 7 actions', () => {
  const eight = [
    'SendMessage',
    'ReceiveMessage',
    'DeleteMessage',
    'ChangeMessageVisibility',
    'GetQueueAttributes',
    'GetQueueUrl',
    'PurgeQueue',
    'ListQueueTags',
  ];
  validateAddPermission({ ...base, Actions: eight.slice(0, 7) });
  assertSqsError(
    () => validateAddPermission({ ...base, Actions: eight }),
    'InvalidParameterValue',
    'at most 7 actions',
  );
});
