import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { parseKeyValue } from './arguments.js';
import { UsageError } from './cli-errors.js';

/**
 * `--attribute NAME=VALUE` is a String attribute; `NAME:TYPE=VALUE` names the data type:
 * String, Number or Binary (VALUE in base64), optionally with a custom suffix (`Number.int`).
 * `:` cannot occur in an attribute name, so it cannot be confused with one.
 */
export function parseMessageAttributes(
  pairs: readonly string[],
): Record<string, MessageAttributeValue> {
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const pair of pairs) {
    const { key, value } = parseKeyValue(pair, 'attribute');
    const separator = key.indexOf(':');
    const name = separator === -1 ? key : key.slice(0, separator);
    const dataType = separator === -1 ? 'String' : key.slice(separator + 1);
    if (name === '') throw new UsageError(`--attribute "${pair}" has no name`);
    attributes[name] = attributeValue(dataType, value, pair);
  }
  return attributes;
}

function attributeValue(dataType: string, value: string, pair: string): MessageAttributeValue {
  const baseType = dataType.split('.')[0];
  if (baseType === 'String' || baseType === 'Number')
    return { DataType: dataType, StringValue: value };
  if (baseType === 'Binary') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
      throw new UsageError(`--attribute "${pair}": a Binary value is written in base64`);
    }
    return { DataType: dataType, BinaryValue: Buffer.from(value, 'base64') };
  }
  throw new UsageError(
    `--attribute "${pair}": the type must be String, Number or Binary (optionally .suffix)`,
  );
}
