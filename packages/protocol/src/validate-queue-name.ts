/**
 * Queue names: 1 to 80 characters, alphanumeric, hyphen and underscore; a FIFO queue's name must
 * end in `.fifo`, which counts towards the 80 (SQS developer guide, quotas for queues).
 */
import { sqsLimits } from '@sluice/core';
import { SqsError } from './errors.js';

const fifoSuffix = '.fifo';

export function isFifoQueueName(name: string): boolean {
  return name.endsWith(fifoSuffix);
}

/** True for any name SQS could have created, standard or FIFO. */
export function isValidQueueNameSyntax(name: string): boolean {
  if (name.length === 0 || name.length > sqsLimits.queueNameLengthMax) return false;
  const baseLength = isFifoQueueName(name) ? name.length - fifoSuffix.length : name.length;
  return baseLength > 0 && hasOnlyNameCharacters(name, baseLength);
}

/** Throws InvalidParameterValue, worded as SQS does, if `name` cannot name this kind of queue. */
export function validateQueueName(name: string, isFifo: boolean): void {
  if (isFifo) {
    if (!isFifoQueueName(name) || !isValidQueueNameSyntax(name)) {
      throw new SqsError(
        'InvalidParameterValue',
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
      );
    }
    return;
  }
  if (isFifoQueueName(name) || !isValidQueueNameSyntax(name)) {
    throw new SqsError(
      'InvalidParameterValue',
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
}

/** A-Z, a-z, 0-9, hyphen and underscore: the characters of SQS names, labels and batch ids. */
export function hasOnlyNameCharacters(text: string, length = text.length): boolean {
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    const isName =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      code === 0x2d ||
      code === 0x5f;
    if (!isName) return false;
  }
  return true;
}
