import { SqsError } from '@sluice/protocol';
import type { ChangeVisibilityOutcome, DeleteOutcome } from '@sluice/partition';

/**
 * What SQS answers for each outcome of a delete. DeleteMessage succeeds for a message that is
 * already gone and, on standard queues, for a receipt from an earlier receive (AWS: "the request
 * succeeds, but the message might not be deleted"). On FIFO queues a receipt whose visibility
 * timeout has passed is refused as expired.
 */
export function checkDeleteOutcome(outcome: DeleteOutcome, receiptHandle: string): void {
  switch (outcome) {
    case 'deleted':
    case 'alreadyGone':
    case 'staleReceipt':
      return;
    case 'expiredReceipt':
      throw new SqsError(
        'InvalidParameterValue',
        `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
      );
    case 'invalidReceipt':
      throw invalidReceipt(receiptHandle);
  }
}

/** What SQS answers for each outcome of a visibility change. */
export function checkVisibilityOutcome(
  outcome: ChangeVisibilityOutcome,
  receiptHandle: string,
): void {
  switch (outcome) {
    case 'changed':
      return;
    case 'invalidReceipt':
      throw invalidReceipt(receiptHandle);
    case 'notInflight':
      throw new SqsError('MessageNotInflight');
    case 'alreadyGone':
    case 'staleReceipt':
      throw new SqsError(
        'InvalidParameterValue',
        `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
    case 'visibilityTooLong':
      throw new SqsError(
        'InvalidParameterValue',
        'Value for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
      );
  }
}

function invalidReceipt(receiptHandle: string): SqsError {
  return new SqsError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
  );
}
