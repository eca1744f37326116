import { SqsError, type EmptyOutput, type RemovePermissionInput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { arnOf, resolveQueue } from '../queues/queue-directory.js';
import { readPolicy } from '../queues/queue-policy.js';

/** RemovePermission: removes the statement labelled Label; the Policy goes when it is empty. */
export async function removePermission(
  context: RequestContext,
  input: RemovePermissionInput,
): Promise<EmptyOutput> {
  const record = resolveQueue(context, input.QueueUrl);
  const policy = readPolicy(record.attributes['Policy'], arnOf(context, record));
  const remaining = policy.Statement.filter((statement) => statement.Sid !== input.Label);
  if (remaining.length === policy.Statement.length) {
    throw new SqsError(
      'InvalidParameterValue',
      `Value ${input.Label} for parameter Label is invalid. Reason: can't find label on existing policy.`,
    );
  }
  const attributes: Record<string, string> = { ...record.attributes };
  if (remaining.length === 0) delete attributes['Policy'];
  else attributes['Policy'] = JSON.stringify({ ...policy, Statement: remaining });
  await context.services.metadata.updateQueue({
    ...record,
    attributes,
    lastModifiedAtMs: context.services.clock.nowMs(),
  });
  return {};
}
