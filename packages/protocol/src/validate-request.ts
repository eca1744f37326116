/**
 * The stateless validation of every action: everything that can be decided from the request
 * alone, in the order SQS reports it. Rules that need the queue (its type, MaximumMessageSize,
 * tag count, existence) are the server's, with the helpers this package exports.
 *
 * Batch entries that break a rule do not fail the request: as on SQS, they are reported in the
 * response's `Failed` list (see batchResultErrorEntry) while the other entries proceed.
 */
import { sqsLimits } from '@sluice/core';
import type { SqsAction } from './actions.js';
import { SqsError, invalidParameterValue, missingParameter } from './errors.js';
import type { SqsInputs } from './input-types.js';
import type { ParsedRequest } from './parse-request.js';
import { isAccountId, parseQueueUrl, type QueueAddress } from './queue-address.js';
import { validateBatchEntries, validateBatchSize } from './validate-batch.js';
import { validateAddPermission, validatePermissionLabel } from './validate-permissions.js';
import {
  validateCancelMessageMoveTask,
  validateListMessageMoveTasks,
  validateStartMessageMoveTask,
} from './validate-move-tasks.js';
import {
  isFifoQueueRequested,
  validateQueueAttributeNamesToGet,
  validateQueueAttributes,
  validateQueueAttributesForQueueType,
} from './validate-queue-attributes.js';
import { validateQueueName } from './validate-queue-name.js';
import { validateRange } from './validate-range.js';
import { validateReceiveMessage } from './validate-receive.js';
import { validateMessageToSend } from './validate-send-message.js';
import { validateTagKeys, validateTags } from './validate-tags.js';

export interface RequestValidation {
  /** The queue named by the request's QueueUrl; undefined for actions without one. */
  readonly queue: QueueAddress | undefined;
  /** Batch entries refused by stateless rules, by entry Id: report them as Failed, skip them. */
  readonly failedEntries: ReadonlyMap<string, SqsError>;
}

type FailedEntries = Map<string, SqsError>;
/** `xmlSafeText`: no string in the input needs its characters scanned (ParsedRequest). */
type Validator<Action extends SqsAction> = (
  input: SqsInputs[Action],
  failed: FailedEntries,
  xmlSafeText: boolean,
) => void;

const noRules = (): void => {};

const validators: { readonly [Action in SqsAction]: Validator<Action> } = {
  AddPermission: (input) => validateAddPermission(input),
  CancelMessageMoveTask: (input) => validateCancelMessageMoveTask(input),
  ChangeMessageVisibility: (input) => validateVisibilityTimeout(input.VisibilityTimeout),
  ChangeMessageVisibilityBatch: (input, failed) => {
    validateBatchEntries(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
    for (const entry of input.Entries) {
      collectEntryError(failed, entry.Id, () => validateVisibilityTimeout(entry.VisibilityTimeout));
    }
  },
  CreateQueue: (input) => {
    const isFifo = isFifoQueueRequested(input.Attributes);
    validateQueueName(input.QueueName, isFifo);
    if (input.Attributes !== undefined) {
      validateQueueAttributes(input.Attributes, 'CreateQueue');
      validateQueueAttributesForQueueType(input.Attributes, isFifo);
    }
    if (input.tags !== undefined && Object.keys(input.tags).length > 0)
      validateTags(input.tags, 'Tag');
  },
  DeleteMessage: noRules,
  DeleteMessageBatch: (input) =>
    validateBatchEntries(input.Entries, 'DeleteMessageBatchRequestEntry'),
  DeleteQueue: noRules,
  GetQueueAttributes: (input) => validateQueueAttributeNamesToGet(input.AttributeNames ?? []),
  GetQueueUrl: (input) => {
    if (input.QueueName === '') throw missingParameter('QueueName');
    const owner = input.QueueOwnerAWSAccountId;
    if (owner !== undefined && !isAccountId(owner)) {
      throw invalidParameterValue(
        'QueueOwnerAWSAccountId',
        owner,
        'An AWS account id is 12 digits.',
      );
    }
  },
  ListDeadLetterSourceQueues: (input) => validateMaxResults(input.MaxResults),
  ListMessageMoveTasks: (input) => validateListMessageMoveTasks(input),
  ListQueueTags: noRules,
  ListQueues: (input) => validateMaxResults(input.MaxResults),
  PurgeQueue: noRules,
  ReceiveMessage: (input) => validateReceiveMessage(input),
  RemovePermission: (input) => validatePermissionLabel(input.Label),
  SendMessage: (input, _failed, xmlSafeText) => validateMessageToSend(input, xmlSafeText),
  SendMessageBatch: (input, failed, xmlSafeText) => {
    validateBatchEntries(input.Entries, 'SendMessageBatchRequestEntry');
    validateBatchSize(input.Entries);
    for (const entry of input.Entries) {
      collectEntryError(failed, entry.Id, () => validateMessageToSend(entry, xmlSafeText));
    }
  },
  SetQueueAttributes: (input) => validateQueueAttributes(input.Attributes, 'SetQueueAttributes'),
  StartMessageMoveTask: (input) => validateStartMessageMoveTask(input),
  TagQueue: (input) => validateTags(input.Tags),
  UntagQueue: (input) => validateTagKeys(input.TagKeys),
};

/** Throws the SqsError SQS would answer, or says which batch entries fail on their own. */
export function validateRequest(request: ParsedRequest): RequestValidation {
  const input = request.input as unknown as Readonly<Record<string, unknown>>;
  const queueUrl = input['QueueUrl'];
  const queue = typeof queueUrl === 'string' ? parseQueueUrl(queueUrl) : undefined;
  const failedEntries: FailedEntries = new Map();
  const validate = validators[request.action] as Validator<SqsAction>;
  validate(request.input, failedEntries, request.xmlSafeText === true);
  return { queue, failedEntries };
}

function collectEntryError(failed: FailedEntries, id: string, validate: () => void): void {
  try {
    validate();
  } catch (error) {
    if (!(error instanceof SqsError)) throw error;
    failed.set(id, error);
  }
}

function validateVisibilityTimeout(value: number | undefined): void {
  validateRange('VisibilityTimeout', value, 0, sqsLimits.visibilityTimeoutSecondsMax);
}

function validateMaxResults(value: number | undefined): void {
  validateRange(
    'MaxResults',
    value,
    1,
    sqsLimits.listQueuesResultsMax,
    `MaxResults must be an integer between 1 and ${sqsLimits.listQueuesResultsMax}.`,
  );
}
