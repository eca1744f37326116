import { test } from 'node:test';
import {
  validateCancelMessageMoveTask,
  validateListMessageMoveTasks,
  validateStartMessageMoveTask,
} from './validate-move-tasks.js';
import { assertSqsError } from './test-assertions.js';

const dlq = 'arn:aws:sqs:us-east-1:000000000000:dlq';

test('StartMessageMoveTask takes queue ARNs and 1-500 messages per second', () => {
  validateStartMessageMoveTask({ SourceArn: dlq });
  validateStartMessageMoveTask({
    SourceArn: dlq,
    DestinationArn: dlq,
    MaxNumberOfMessagesPerSecond: 500,
  });
  assertSqsError(
    () => validateStartMessageMoveTask({ SourceArn: 'queue' }),
    'InvalidParameterValue',
    'You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>',
  );
  assertSqsError(
    () => validateStartMessageMoveTask({ SourceArn: dlq, DestinationArn: 'x' }),
    'InvalidParameterValue',
    'DestinationArn',
  );
  assertSqsError(
    () => validateStartMessageMoveTask({ SourceArn: dlq, MaxNumberOfMessagesPerSecond: 501 }),
    'InvalidParameterValue',
  );
  assertSqsError(
    () => validateStartMessageMoveTask({ SourceArn: dlq, MaxNumberOfMessagesPerSecond: 0 }),
    'InvalidParameterValue',
  );
});

test('ListMessageMoveTasks takes a queue ARN and MaxResults 1-10', () => {
  validateListMessageMoveTasks({ SourceArn: dlq, MaxResults: 10 });
  assertSqsError(
    () => validateListMessageMoveTasks({ SourceArn: dlq, MaxResults: 11 }),
    'InvalidParameterValue',
  );
  assertSqsError(
    () => validateListMessageMoveTasks({ SourceArn: 'nope' }),
    'InvalidParameterValue',
  );
});

test('CancelMessageMoveTask needs a task handle', () => {
  validateCancelMessageMoveTask({ TaskHandle: 'eyJ0YXNr' });
  assertSqsError(() => validateCancelMessageMoveTask({ TaskHandle: '' }), 'MissingParameter');
});
