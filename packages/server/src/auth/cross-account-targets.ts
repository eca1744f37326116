import { SqsError, parseQueueArn, type ParsedRequest } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { arnOf, queueUrl, resolveQueueArn } from '../queues/queue-directory.js';
import { evaluatePolicy } from './policy-evaluation.js';
import type { Principal } from './principal.js';

/**
 * Requests that write into a queue other than the one they name: a message move task's
 * destination, and a RedrivePolicy's dead-letter target. Without these checks an account could
 * push messages into another account's queue through its own.
 */
export function authorizeSecondaryTargets(
  context: RequestContext,
  principal: Principal,
  parsed: ParsedRequest,
  /** Owner of the queue the request names (CreateQueue: the caller). */
  ownerAccountId: string | undefined,
): void {
  if (parsed.action === 'StartMessageMoveTask' && parsed.input.DestinationArn !== undefined) {
    authorizeMoveDestination(context, principal, parsed.input.DestinationArn);
  }
  if (parsed.action === 'CreateQueue' || parsed.action === 'SetQueueAttributes') {
    const redrive = parsed.input.Attributes?.['RedrivePolicy'];
    const owner = parsed.action === 'CreateQueue' ? principal.accountId : ownerAccountId;
    if (redrive !== undefined && owner !== undefined) checkDeadLetterOwner(redrive, owner);
  }
}

/** Moving messages into a queue is sending to it: the destination must let the caller send. */
function authorizeMoveDestination(
  context: RequestContext,
  principal: Principal,
  destinationArn: string,
): void {
  const destination = resolveQueueArn(context, destinationArn);
  if (destination === undefined) return; // the action answers ResourceNotFoundException
  const decision = evaluatePolicy(destination.attributes['Policy'], {
    principalAccountId: principal.accountId,
    ownerAccountId: destination.accountId,
    action: 'sqs:SendMessage',
    resourceArn: arnOf(context, destination),
  });
  if (decision === 'deny') {
    throw new SqsError(
      'AccessDenied',
      `Access to the resource ${queueUrl(context, destination)} is denied.`,
    );
  }
}

/** As at AWS, a dead-letter queue belongs to the same account as its source queue. */
function checkDeadLetterOwner(redrivePolicy: string, ownerAccountId: string): void {
  let targetArn: unknown;
  try {
    targetArn = (JSON.parse(redrivePolicy) as { deadLetterTargetArn?: unknown })
      .deadLetterTargetArn;
  } catch {
    return; // validation answers a malformed RedrivePolicy
  }
  if (typeof targetArn !== 'string') return;
  const target = parseQueueArn(targetArn);
  if (target === undefined || target.accountId === ownerAccountId) return;
  throw new SqsError(
    'InvalidParameterValue',
    `Value ${redrivePolicy} for parameter RedrivePolicy is invalid. Reason: Dead-letter target owner should be same as the source.`,
  );
}
