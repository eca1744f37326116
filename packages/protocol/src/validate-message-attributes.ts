/**
 * Message attributes (SQS developer guide, "Amazon SQS message attributes"): at most 10; names of
 * at most 256 characters from A-Z a-z 0-9 _ - ., not starting with `AWS.` or `Amazon.` (in any
 * case), not starting or ending with a period and without two periods in a row; data types
 * String, Number or Binary, optionally followed by `.<custom label>`; a non-empty value of the
 * type's kind; Number values within SQS's precision and range.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError } from './errors.js';
import type { MessageAttributeMap, MessageAttributeValue } from './input-types.js';
import { findInvalidCharacter } from './validate-message.js';
import { isValidNumberAttribute } from './validate-number-attribute.js';

type BaseDataType = 'String' | 'Number' | 'Binary';

/** `xmlSafeText`: the values hold only characters XML 1.0 allows; skip their scans. */
export function validateMessageAttributes(
  attributes: Readonly<MessageAttributeMap>,
  xmlSafeText = false,
): void {
  const names = Object.keys(attributes);
  if (names.length > sqsLimits.messageAttributeCountMax) {
    throw invalid(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${sqsLimits.messageAttributeCountMax}].`,
    );
  }
  for (const name of names) {
    validateAttributeName(name);
    validateAttributeValue(name, attributes[name] as MessageAttributeValue, xmlSafeText);
  }
}

export function validateAttributeName(name: string): void {
  if (name.length === 0) throw invalid('Message (user) attribute names must not be empty.');
  if (name.length > sqsLimits.messageAttributeNameLengthMax) {
    throw invalid(
      `Message (user) attribute name '${name}' is longer than ${sqsLimits.messageAttributeNameLengthMax} characters.`,
    );
  }
  if (!hasOnlyAttributeNameCharacters(name)) {
    throw invalid(
      `Message (user) attribute name '${name}' can only contain upper and lower case characters, digits, periods, hyphens and underscores.`,
    );
  }
  const lowered = name.toLowerCase();
  if (lowered.startsWith('aws.') || lowered.startsWith('amazon.')) {
    throw invalid(
      `You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use: '${name}'.`,
    );
  }
  if (name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw invalid(
      `Message (user) attribute name '${name}' can not start or end with a period, or contain two periods in a row.`,
    );
  }
}

function hasOnlyAttributeNameCharacters(name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    const allowed =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      code === 0x2d ||
      code === 0x2e ||
      code === 0x5f;
    if (!allowed) return false;
  }
  return true;
}

/** The base type of a data type such as `Number.float`, or undefined if it has none. */
export function baseDataType(dataType: string): BaseDataType | undefined {
  for (const base of ['String', 'Number', 'Binary'] as const) {
    if (dataType === base) return base;
    if (dataType.startsWith(base) && dataType.charCodeAt(base.length) === 0x2e) {
      return dataType.length > base.length + 1 ? base : undefined;
    }
  }
  return undefined;
}

function validateAttributeValue(
  name: string,
  value: MessageAttributeValue,
  xmlSafeText: boolean,
): void {
  const base = baseDataType(value.DataType);
  if (base === undefined || value.DataType.length > sqsLimits.messageAttributeDataTypeLengthMax) {
    throw invalid(
      `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  if (
    (value.StringListValues !== undefined && value.StringListValues.length > 0) ||
    (value.BinaryListValues !== undefined && value.BinaryListValues.length > 0)
  ) {
    throw invalid('Message attribute list values in SendMessage operation are not supported.');
  }
  if (base === 'Binary') {
    if (value.BinaryValue === undefined || value.BinaryValue.length === 0) {
      throw mustContain(name, 'Binary');
    }
    if (value.StringValue !== undefined) throw moreThanOneValue(name);
    return;
  }
  if (value.StringValue === undefined || value.StringValue.length === 0) {
    throw mustContain(name, base);
  }
  if (value.BinaryValue !== undefined) throw moreThanOneValue(name);
  if (!xmlSafeText && findInvalidCharacter(value.StringValue) !== -1) {
    throw invalid(
      `Message (user) attribute '${name}' contains characters outside the allowed set: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
    );
  }
  if (base === 'Number' && !isValidNumberAttribute(value.StringValue)) {
    throw invalid(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
}

function mustContain(name: string, base: BaseDataType): SqsError {
  return invalid(
    `Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`,
  );
}

function moreThanOneValue(name: string): SqsError {
  return invalid(`Message (user) attribute '${name}' must contain exactly one value.`);
}

function invalid(message: string): SqsError {
  return new SqsError('InvalidParameterValue', message);
}
