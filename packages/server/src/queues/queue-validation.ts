import { SqsError, parseRedrivePolicy } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueueArn } from './queue-directory.js';

/**
 * Queue attribute rules that need other queues or the queue itself (the protocol package checks
 * each value's form): FifoQueue is fixed at creation, and a RedrivePolicy must name an existing
 * dead-letter queue of the same type.
 */
export function checkQueueAttributes(
  context: RequestContext,
  attributes: Readonly<Record<string, string>>,
  fifo: boolean,
  mode: 'create' | 'set',
): void {
  if (mode === 'set' && attributes['FifoQueue'] !== undefined) {
    throw new SqsError('InvalidAttributeName', 'Unknown Attribute FifoQueue.');
  }
  const text = attributes['RedrivePolicy'];
  if (text === undefined || text === '') return;
  const redrive = parseRedrivePolicy(text);
  const target = resolveQueueArn(context, redrive.deadLetterTargetArn);
  if (target === undefined) {
    throw new SqsError(
      'InvalidParameterValue',
      `Value ${text} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
    );
  }
  if (target.fifo !== fifo) {
    throw new SqsError(
      'InvalidParameterValue',
      `Value ${text} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue and source queue must be of the same type.`,
    );
  }
}
