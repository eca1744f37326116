/**
 * Message move tasks (DLQ redrive): source and destination are queue ARNs, MaxResults 1-10,
 * MaxNumberOfMessagesPerSecond 1-500, and a TaskHandle is required.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError, missingParameter } from './errors.js';
import type {
  CancelMessageMoveTaskInput,
  ListMessageMoveTasksInput,
  StartMessageMoveTaskInput,
} from './input-types.js';
import { parseQueueArn } from './queue-address.js';
import { validateRange } from './validate-range.js';

export function validateStartMessageMoveTask(input: StartMessageMoveTaskInput): void {
  validateQueueArnParameter('SourceArn', input.SourceArn);
  if (input.DestinationArn !== undefined) {
    validateQueueArnParameter('DestinationArn', input.DestinationArn);
  }
  validateRange(
    'MaxNumberOfMessagesPerSecond',
    input.MaxNumberOfMessagesPerSecond,
    1,
    sqsLimits.moveTaskMessagesPerSecondMax,
    `MaxNumberOfMessagesPerSecond must be between 1 and ${sqsLimits.moveTaskMessagesPerSecondMax}.`,
  );
}

export function validateListMessageMoveTasks(input: ListMessageMoveTasksInput): void {
  validateQueueArnParameter('SourceArn', input.SourceArn);
  validateRange(
    'MaxResults',
    input.MaxResults,
    1,
    sqsLimits.listMessageMoveTasksResultsMax,
    `MaxResults must be between 1 and ${sqsLimits.listMessageMoveTasksResultsMax}.`,
  );
}

export function validateCancelMessageMoveTask(input: CancelMessageMoveTaskInput): void {
  if (input.TaskHandle === '') throw missingParameter('TaskHandle');
}

function validateQueueArnParameter(name: string, arn: string): void {
  if (parseQueueArn(arn) === undefined) {
    throw new SqsError(
      'InvalidParameterValue',
      `You must use this format to specify the ${name}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>`,
    );
  }
}
