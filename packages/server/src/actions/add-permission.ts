import { SqsError, type AddPermissionInput, type EmptyOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { arnOf, resolveQueue } from '../queues/queue-directory.js';
import { readPolicy } from '../queues/queue-policy.js';

/** AddPermission: adds an Allow statement labelled Label to the queue's Policy attribute. */
export async function addPermission(
  context: RequestContext,
  input: AddPermissionInput,
): Promise<EmptyOutput> {
  const record = resolveQueue(context, input.QueueUrl);
  const arn = arnOf(context, record);
  const policy = readPolicy(record.attributes['Policy'], arn);
  if (policy.Statement.some((statement) => statement.Sid === input.Label)) {
    throw new SqsError(
      'InvalidParameterValue',
      `Value ${input.Label} for parameter Label is invalid. Reason: Already exists.`,
    );
  }
  const principals = input.AWSAccountIds.map((account) => `arn:aws:iam::${account}:root`);
  const actions = input.Actions.map((action) => `SQS:${action}`);
  policy.Statement.push({
    Sid: input.Label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? (principals[0] as string) : principals },
    Action: actions.length === 1 ? (actions[0] as string) : actions,
    Resource: arn,
  });
  await context.services.metadata.updateQueue({
    ...record,
    attributes: { ...record.attributes, Policy: JSON.stringify(policy) },
    lastModifiedAtMs: context.services.clock.nowMs(),
  });
  return {};
}
