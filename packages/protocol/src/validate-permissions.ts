/**
 * AddPermission and RemovePermission: a Label of 1 to 80 alphanumeric, hyphen or underscore
 * characters, 12-digit account ids, and 1 to 7 actions, each an SQS action name or `*`.
 */
import { sqsLimits } from '@sluice/core';
import { isSqsAction } from './actions.js';
import { invalidParameterValue, missingParameter } from './errors.js';
import type { AddPermissionInput } from './input-types.js';
import { isAccountId } from './queue-address.js';
import { hasOnlyNameCharacters } from './validate-queue-name.js';

export function validateAddPermission(input: AddPermissionInput): void {
  validatePermissionLabel(input.Label);
  if (input.AWSAccountIds.length === 0) throw missingParameter('AWSAccountId.1');
  for (const accountId of input.AWSAccountIds) {
    if (!isAccountId(accountId)) {
      throw invalidParameterValue('AWSAccountId', accountId, 'An AWS account id is 12 digits.');
    }
  }
  if (input.Actions.length === 0) throw missingParameter('ActionName.1');
  if (input.Actions.length > sqsLimits.permissionActionCountMax) {
    throw invalidParameterValue(
      'ActionName',
      input.Actions.length,
      `A policy statement can have at most ${sqsLimits.permissionActionCountMax} actions.`,
    );
  }
  for (const action of input.Actions) {
    if (action !== '*' && !isSqsAction(action)) {
      throw invalidParameterValue(
        'ActionName',
        `SQS:${action}`,
        'Please refer to the appropriate WSDL for a list of valid actions.',
      );
    }
  }
}

export function validatePermissionLabel(label: string): void {
  if (
    label.length === 0 ||
    label.length > sqsLimits.permissionLabelLengthMax ||
    !hasOnlyNameCharacters(label)
  ) {
    throw invalidParameterValue(
      'Label',
      label,
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.',
    );
  }
}
