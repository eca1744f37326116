import { SqsError, isSqsError, type ParsedRequest, type SqsAction } from '@sluice/protocol';
import type { QueueRecord } from '../metadata/metadata-store.js';
import type { RequestContext } from '../services.js';
import { arnOf, queueUrl, resolveQueue } from '../queues/queue-directory.js';
import { evaluatePolicy } from './policy-evaluation.js';
import { authorizeSecondaryTargets } from './cross-account-targets.js';
import type { Principal } from './principal.js';

/** Queue deletion and purging are admin operations (DESIGN.md §5, the seeds' advice). */
const adminActions: ReadonlySet<SqsAction> = new Set<SqsAction>(['DeleteQueue', 'PurgeQueue']);

/** Only the owner may change who else has access; a policy cannot grant these. */
const ownerOnlyActions: ReadonlySet<SqsAction> = new Set<SqsAction>([
  'AddPermission',
  'RemovePermission',
]);

/** Actions that name no queue by QueueUrl: they act in the caller's own namespace. */
const accountActions: ReadonlySet<SqsAction> = new Set<SqsAction>([
  'CreateQueue',
  'ListQueues',
  'GetQueueUrl',
  'StartMessageMoveTask',
  'CancelMessageMoveTask',
  'ListMessageMoveTasks',
]);

/** A batch is authorized as its single action, as in IAM (there is no sqs:SendMessageBatch). */
const policyActionNames: Partial<Record<SqsAction, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/**
 * Decides whether the principal may run this request, before it runs; throws AccessDenied if not.
 * Admin actions need an admin key, which may use them on any account's queue. On a queue, the queue's policy decides (owner allowed unless
 * explicitly denied, other accounts only where an Allow names them). A queue that does not exist
 * is left to the action, which answers QueueDoesNotExist as it would for its owner.
 */
export function authorizeRequest(
  context: RequestContext,
  principal: Principal,
  parsed: ParsedRequest,
): void {
  const queue = targetQueue(context, parsed);
  const isAdminAction = adminActions.has(parsed.action);
  if (isAdminAction && !principal.admin) {
    throw accessDenied(context, queue, `${parsed.action} needs an admin key.`);
  }
  authorizeSecondaryTargets(context, principal, parsed, queue?.accountId);
  if (queue === undefined) return;
  // Admin keys are the operator's: they may delete and purge any account's queue, unless the
  // queue's policy explicitly denies them.
  const isOwner = queue.accountId === principal.accountId || isAdminAction;
  const policy = queue.attributes['Policy'];
  if (isOwner && (policy === undefined || policy === '')) return;
  if (!isOwner && ownerOnlyActions.has(parsed.action)) throw accessDenied(context, queue);
  const decision = evaluatePolicy(policy, {
    principalAccountId: principal.accountId,
    // An admin key on an admin action stands where the owner stands: only a Deny stops it.
    ownerAccountId: isOwner ? principal.accountId : queue.accountId,
    action: `sqs:${policyActionNames[parsed.action] ?? parsed.action}`,
    resourceArn: arnOf(context, queue),
  });
  if (decision === 'deny') throw accessDenied(context, queue);
}

function targetQueue(context: RequestContext, parsed: ParsedRequest): QueueRecord | undefined {
  if (parsed.action === 'GetQueueUrl') {
    const owner = parsed.input.QueueOwnerAWSAccountId ?? context.accountId;
    return context.services.metadata.getQueue(owner, parsed.input.QueueName);
  }
  if (accountActions.has(parsed.action)) return undefined;
  try {
    return resolveQueue(context, (parsed.input as { QueueUrl?: string }).QueueUrl);
  } catch (error) {
    if (isSqsError(error)) return undefined;
    throw error;
  }
}

function accessDenied(
  context: RequestContext,
  queue: QueueRecord | undefined,
  reason?: string,
): SqsError {
  const resource = queue === undefined ? context.baseUrl : queueUrl(context, queue);
  return new SqsError(
    'AccessDenied',
    `Access to the resource ${resource} is denied.${reason === undefined ? '' : ` ${reason}`}`,
  );
}
