/**
 * RedrivePolicy and RedriveAllowPolicy: queue attributes whose values are JSON documents. Parsed
 * here (pure), refused with InvalidParameterValue in SQS's `Value <v> for parameter <name> is
 * invalid. Reason: ...` wording. Whether the target queue exists is the server's question.
 */
import { sqsLimits } from '@sluice/core';
import { invalidParameterValue, type SqsError } from './errors.js';
import { parseQueueArn } from './queue-address.js';

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

export const redrivePermissions = ['allowAll', 'denyAll', 'byQueue'] as const;
export type RedrivePermission = (typeof redrivePermissions)[number];

export interface RedriveAllowPolicy {
  readonly redrivePermission: RedrivePermission;
  readonly sourceQueueArns?: readonly string[];
}

export function parseRedrivePolicy(text: string): RedrivePolicy {
  const invalid = (reason: string): SqsError =>
    invalidParameterValue('RedrivePolicy', text, reason);
  const document = parseJsonMap(text);
  if (document === undefined) throw invalid('Redrive policy is not a valid JSON map.');
  for (const key of Object.keys(document)) {
    if (key !== 'deadLetterTargetArn' && key !== 'maxReceiveCount') {
      throw invalid(
        'Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount].',
      );
    }
  }
  const { deadLetterTargetArn, maxReceiveCount } = document;
  if (deadLetterTargetArn === undefined) {
    throw invalid('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (maxReceiveCount === undefined) {
    throw invalid('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  }
  if (typeof deadLetterTargetArn !== 'string' || parseQueueArn(deadLetterTargetArn) === undefined) {
    throw invalid('Invalid value for deadLetterTargetArn.');
  }
  const count = toInteger(maxReceiveCount);
  if (
    count === undefined ||
    count < sqsLimits.maxReceiveCountMin ||
    count > sqsLimits.maxReceiveCountMax
  ) {
    throw invalid(
      `Invalid value for maxReceiveCount: ${typeof maxReceiveCount === 'string' ? maxReceiveCount : JSON.stringify(maxReceiveCount)}, valid values are from ${sqsLimits.maxReceiveCountMin} to ${sqsLimits.maxReceiveCountMax} both inclusive.`,
    );
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
}

export function parseRedriveAllowPolicy(text: string): RedriveAllowPolicy {
  const invalid = (reason: string): SqsError =>
    invalidParameterValue('RedriveAllowPolicy', text, reason);
  const document = parseJsonMap(text);
  if (document === undefined) throw invalid('Redrive allow policy is not a valid JSON map.');
  for (const key of Object.keys(document)) {
    if (key !== 'redrivePermission' && key !== 'sourceQueueArns') {
      throw invalid(
        'Only following attributes are supported: [redrivePermission, sourceQueueArns].',
      );
    }
  }
  const { redrivePermission, sourceQueueArns } = document;
  const permission = redrivePermissions.find((candidate) => candidate === redrivePermission);
  if (permission === undefined) {
    throw invalid('redrivePermission must be one of allowAll, denyAll or byQueue.');
  }
  if (permission !== 'byQueue') {
    if (sourceQueueArns !== undefined) {
      throw invalid('sourceQueueArns can be specified only when redrivePermission is byQueue.');
    }
    return { redrivePermission: permission };
  }
  return {
    redrivePermission: permission,
    sourceQueueArns: readSourceQueueArns(sourceQueueArns, invalid),
  };
}

function readSourceQueueArns(value: unknown, invalid: (reason: string) => SqsError): string[] {
  const maximum = sqsLimits.redriveAllowSourceQueueCountMax;
  if (!Array.isArray(value) || value.length === 0 || value.length > maximum) {
    throw invalid(
      `sourceQueueArns must list 1 to ${maximum} queue ARNs when redrivePermission is byQueue.`,
    );
  }
  const arns: string[] = [];
  for (const arn of value as unknown[]) {
    if (typeof arn !== 'string' || parseQueueArn(arn) === undefined) {
      throw invalid(`${String(arn)} is not a valid queue ARN.`);
    }
    arns.push(arn);
  }
  return arns;
}

function parseJsonMap(text: string): Record<string, unknown> | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return undefined;
  return document as Record<string, unknown>;
}

/** SQS accepts maxReceiveCount as a JSON number or as a string of digits. */
function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !/^[0-9]{1,10}$/.test(value)) return undefined;
  return Number(value);
}
