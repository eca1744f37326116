/**
 * Queue attributes: the names CreateQueue and SetQueueAttributes may set and the values each
 * takes (SQS API reference, SetQueueAttributes), and the names GetQueueAttributes may ask for.
 * Unknown or read-only names are InvalidAttributeName; bad values InvalidAttributeValue, except
 * the redrive policies, which SQS refuses as InvalidParameterValue.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError } from './errors.js';
import type { StringMap } from './input-types.js';
import { fifoOnlyQueueAttributeNames, isQueueAttributeName } from './attribute-names.js';
import { parseRedriveAllowPolicy, parseRedrivePolicy } from './redrive-policy.js';

type AttributeRule =
  | { readonly kind: 'integer'; readonly minimum: number; readonly maximum: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'choice'; readonly values: readonly string[] }
  | { readonly kind: 'policy' | 'redrivePolicy' | 'redriveAllowPolicy' | 'text' };

const integer = (minimum: number, maximum: number): AttributeRule => ({
  kind: 'integer',
  minimum,
  maximum,
});

const settableAttributes: Readonly<Record<string, AttributeRule>> = {
  DelaySeconds: integer(0, sqsLimits.delaySecondsMax),
  MaximumMessageSize: integer(sqsLimits.maximumMessageSizeMin, sqsLimits.maximumMessageSizeMax),
  MessageRetentionPeriod: integer(sqsLimits.retentionSecondsMin, sqsLimits.retentionSecondsMax),
  Policy: { kind: 'policy' },
  ReceiveMessageWaitTimeSeconds: integer(0, sqsLimits.waitTimeSecondsMax),
  VisibilityTimeout: integer(0, sqsLimits.visibilityTimeoutSecondsMax),
  RedrivePolicy: { kind: 'redrivePolicy' },
  RedriveAllowPolicy: { kind: 'redriveAllowPolicy' },
  FifoQueue: { kind: 'boolean' },
  ContentBasedDeduplication: { kind: 'boolean' },
  KmsMasterKeyId: { kind: 'text' },
  KmsDataKeyReusePeriodSeconds: integer(
    sqsLimits.kmsDataKeyReusePeriodSecondsMin,
    sqsLimits.kmsDataKeyReusePeriodSecondsMax,
  ),
  DeduplicationScope: { kind: 'choice', values: ['messageGroup', 'queue'] },
  FifoThroughputLimit: { kind: 'choice', values: ['perQueue', 'perMessageGroupId'] },
  SqsManagedSseEnabled: { kind: 'boolean' },
};

export type QueueAttributeAction = 'CreateQueue' | 'SetQueueAttributes';

export function validateQueueAttributes(
  attributes: Readonly<StringMap>,
  action: QueueAttributeAction,
): void {
  for (const name of Object.keys(attributes)) {
    const rule = settableAttributes[name];
    if (rule === undefined || !Object.hasOwn(settableAttributes, name))
      throw unknownAttribute(name);
    validateAttributeValue(name, attributes[name] as string, rule);
  }
  if (action === 'SetQueueAttributes' && attributes['FifoQueue'] !== undefined) {
    throw new SqsError(
      'InvalidAttributeValue',
      'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    );
  }
  if (
    attributes['FifoThroughputLimit'] === 'perMessageGroupId' &&
    attributes['DeduplicationScope'] === 'queue'
  ) {
    throw new SqsError(
      'InvalidAttributeValue',
      'Invalid value for the parameter FifoThroughputLimit. Reason: perMessageGroupId is allowed only when DeduplicationScope is messageGroup.',
    );
  }
}

/** Whether CreateQueue's attributes ask for a FIFO queue (`FifoQueue` is `true`). */
export function isFifoQueueRequested(attributes: Readonly<StringMap> | undefined): boolean {
  return attributes?.['FifoQueue']?.toLowerCase() === 'true';
}

/** FIFO-only attributes are unknown to a standard queue (`FifoQueue=false` is accepted). */
export function validateQueueAttributesForQueueType(
  attributes: Readonly<StringMap>,
  isFifo: boolean,
): void {
  if (isFifo) return;
  for (const name of Object.keys(attributes)) {
    if (name === 'FifoQueue' && attributes[name]?.toLowerCase() === 'false') continue;
    if (fifoOnlyQueueAttributeNames.has(name)) throw unknownAttribute(name);
  }
}

/** GetQueueAttributes may name any attribute in the model, `All` included. */
export function validateQueueAttributeNamesToGet(names: readonly string[]): void {
  for (const name of names) {
    if (!isQueueAttributeName(name)) throw unknownAttribute(name);
  }
}

function validateAttributeValue(name: string, value: string, rule: AttributeRule): void {
  switch (rule.kind) {
    case 'integer':
      if (!isIntegerInRange(value, rule.minimum, rule.maximum)) throw invalidValue(name);
      return;
    case 'boolean':
      if (value.toLowerCase() !== 'true' && value.toLowerCase() !== 'false')
        throw invalidValue(name);
      return;
    case 'choice':
      if (!rule.values.includes(value)) throw invalidValue(name);
      return;
    case 'policy':
      if (value !== '' && !isJsonObject(value)) throw invalidValue(name);
      return;
    case 'redrivePolicy':
      if (value !== '') parseRedrivePolicy(value);
      return;
    case 'redriveAllowPolicy':
      if (value !== '') parseRedriveAllowPolicy(value);
      return;
    case 'text':
      return;
  }
}

function isIntegerInRange(value: string, minimum: number, maximum: number): boolean {
  if (value.length === 0 || value.length > 10) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  const number = Number(value);
  return number >= minimum && number <= maximum;
}

function isJsonObject(text: string): boolean {
  try {
    const document: unknown = JSON.parse(text);
    return typeof document === 'object' && document !== null && !Array.isArray(document);
  } catch {
    return false;
  }
}

function unknownAttribute(name: string): SqsError {
  return new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

function invalidValue(name: string): SqsError {
  return new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}
