import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';
import { authLimits } from '@sluice/core';

/** One access key as the credentials file gives it. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  /** Keys of `"admin": true` accounts may delete and purge queues and use the admin API. */
  readonly admin: boolean;
}

/** Every key the server accepts, by access key id. */
export interface Credentials {
  readonly keys: ReadonlyMap<string, AccessKey>;
  readonly accountIds: ReadonlySet<string>;
}

/**
 * Reads and strictly checks a credentials file:
 * `{"accounts":[{"id":"000000000001","admin":false,"keys":[{"accessKeyId":"...","secretAccessKey":"..."}]}]}`.
 * Any deviation is a ConfigError naming the file and the field; a secret never appears in one.
 */
export function loadCredentials(path: string): Credentials {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > authLimits.credentialsFileBytesMax) {
      throw new ConfigError(
        `credentials file ${path} is larger than ${authLimits.credentialsFileBytesMax} bytes`,
      );
    }
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read credentials file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault, which may be a secret.
    throw new ConfigError(`credentials file ${path} is not valid JSON`);
  }
  return parseCredentials(parsed, `credentials file ${path}`);
}

/** Checks an already-parsed credentials document; `source` prefixes every error. */
export function parseCredentials(document: unknown, source: string): Credentials {
  const fail: Fail = (where, why) => {
    throw new ConfigError(`${source}: ${where} ${why}`);
  };
  const root = objectWith(document, ['accounts'], 'the document', fail);
  const accounts = root['accounts'];
  if (!Array.isArray(accounts) || accounts.length === 0) {
    return fail('"accounts"', 'must be a non-empty array');
  }
  const keys = new Map<string, AccessKey>();
  const accountIds = new Set<string>();
  accounts.forEach((value: unknown, accountIndex) => {
    const where = `accounts[${accountIndex}]`;
    const account = objectWith(value, ['id', 'admin', 'keys'], where, fail);
    const accountId = account['id'];
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
      fail(`${where}.id`, 'must be a string of 12 digits');
    }
    if (accountIds.has(accountId)) fail(`${where}.id`, `repeats account ${accountId}`);
    accountIds.add(accountId);
    const admin = account['admin'];
    if (typeof admin !== 'boolean') fail(`${where}.admin`, 'must be true or false');
    const accountKeys = account['keys'];
    if (!Array.isArray(accountKeys) || accountKeys.length === 0) {
      fail(`${where}.keys`, 'must be a non-empty array');
    }
    accountKeys.forEach((keyValue, keyIndex) => {
      const key = readKey(keyValue, `${where}.keys[${keyIndex}]`, fail);
      if (keys.has(key.accessKeyId)) {
        fail(`${where}.keys[${keyIndex}].accessKeyId`, `repeats key ${key.accessKeyId}`);
      }
      keys.set(key.accessKeyId, {
        ...key,
        accountId: accountId,
        admin: admin,
      });
    });
  });
  return { keys, accountIds };
}

type Fail = (where: string, why: string) => never;

function readKey(
  value: unknown,
  where: string,
  fail: Fail,
): { accessKeyId: string; secretAccessKey: string } {
  const key = objectWith(value, ['accessKeyId', 'secretAccessKey'], where, fail);
  const accessKeyId = key['accessKeyId'];
  const secretAccessKey = key['secretAccessKey'];
  // AWS access key ids are 16-128 word characters; short ones are allowed for local setups.
  if (typeof accessKeyId !== 'string' || !/^\w{1,128}$/.test(accessKeyId)) {
    fail(`${where}.accessKeyId`, 'must be 1-128 letters, digits or underscores');
  }
  // Printable ASCII without spaces: what the SDKs and the CLI can carry in a profile or env var.
  if (
    typeof secretAccessKey !== 'string' ||
    secretAccessKey.length < authLimits.secretAccessKeyLengthMin ||
    secretAccessKey.length > authLimits.secretAccessKeyLengthMax ||
    !/^[\x21-\x7e]+$/.test(secretAccessKey)
  ) {
    fail(
      `${where}.secretAccessKey`,
      `must be ${authLimits.secretAccessKeyLengthMin}-${authLimits.secretAccessKeyLengthMax} printable characters without spaces`,
    );
  }
  return { accessKeyId, secretAccessKey };
}

function objectWith(
  value: unknown,
  allowed: readonly string[],
  where: string,
  fail: Fail,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(where, 'must be a JSON object');
  }
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) fail(where, `has an unknown field "${name}"`);
  }
  for (const name of allowed) if (!(name in value)) fail(where, `lacks the field "${name}"`);
  return value as Record<string, unknown>;
}
