/**
 * Queue tags (CreateQueue `tags`, TagQueue, UntagQueue): keys of 1 to 128 characters, values of
 * at most 256, and no more than 50 tags on a queue. A request can only be checked against the 50
 * on its own; the server checks the total with validateQueueTagCount.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError, missingParameter } from './errors.js';
import type { StringMap } from './input-types.js';

export function validateTags(tags: Readonly<StringMap>, parameterName = 'Tags'): void {
  const keys = Object.keys(tags);
  if (keys.length === 0) throw missingParameter(parameterName);
  validateQueueTagCount(keys.length);
  for (const key of keys) {
    validateTagKey(key);
    const value = tags[key] as string;
    if (value.length > sqsLimits.tagValueLengthMax) {
      throw new SqsError(
        'InvalidParameterValue',
        `Tag values must be at most ${sqsLimits.tagValueLengthMax} characters long: the value of ${key} has ${value.length}.`,
      );
    }
  }
}

export function validateTagKeys(keys: readonly string[]): void {
  if (keys.length === 0) throw missingParameter('TagKeys');
  for (const key of keys) validateTagKey(key);
}

export function validateTagKey(key: string): void {
  if (key.length === 0 || key.length > sqsLimits.tagKeyLengthMax) {
    throw new SqsError(
      'InvalidParameterValue',
      `Tag keys must be between 1 and ${sqsLimits.tagKeyLengthMax} characters long: ${key}`,
    );
  }
}

/** A queue holds at most 50 tags; the server calls this with the count after a TagQueue. */
export function validateQueueTagCount(count: number): void {
  if (count > sqsLimits.tagCountMax) {
    throw new SqsError(
      'InvalidParameterValue',
      `Too many tags: a queue can have at most ${sqsLimits.tagCountMax} tags, and this would make ${count}.`,
    );
  }
}
