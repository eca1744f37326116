import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, seal } from './sealing.js';
import { writeFileAtomically } from '../durable-file.js';

/** The master key does not open this data directory's keys, or sealed data cannot be opened. */
export class EncryptionKeyError extends Error {
  readonly code = 'EncryptionKey';
}

const keysFileName = 'keys.json';
const checkText = Buffer.from('sluice master key check v1');
/** First byte of a sealed payload; plain payloads start with their format version (1). */
const sealedMarker = 0xe1;

interface KeysFile {
  version: 1;
  /** A known text sealed under the master key: a wrong master key fails to open it. */
  check: string;
  /** Data keys sealed under the master key, by key id. */
  dataKeys: Record<string, string>;
  /** The key each queue seals new messages with. */
  queueKeys: Record<string, string>;
}

/**
 * Server-side encryption at rest (DESIGN §3): each queue has its own 256-bit data key, itself
 * sealed by the master key and kept in keys.json in the data directory; message payloads (body
 * and attributes) are sealed with AES-256-GCM under the queue's data key before they reach the
 * log, and opened only when delivered. A sealed payload names its key, so a message moved to
 * another queue (dead-letter, redrive) or outliving its queue stays readable. Keys are never
 * logged.
 */
export class MessageSealer {
  readonly #directory: string;
  readonly #masterKey: Buffer;
  readonly #file: KeysFile;
  readonly #dataKeys = new Map<string, Buffer>();

  private constructor(directory: string, masterKey: Buffer, file: KeysFile) {
    this.#directory = directory;
    this.#masterKey = masterKey;
    this.#file = file;
  }

  /**
   * Opens the data directory's keys with the master key (creating them on first use). A wrong
   * master key fails here, loudly, before anything is served.
   */
  static open(directory: string, masterKey: Buffer): MessageSealer {
    const existing = readKeysFile(directory);
    if (existing === undefined) {
      const file: KeysFile = {
        version: 1,
        check: seal(masterKey, checkText, Buffer.from('check')).toString('base64'),
        dataKeys: {},
        queueKeys: {},
      };
      writeKeysFile(directory, file);
      return new MessageSealer(directory, masterKey, file);
    }
    try {
      const opened = open(masterKey, Buffer.from(existing.check, 'base64'), Buffer.from('check'));
      if (!opened.equals(checkText)) throw new Error('check text differs');
    } catch {
      throw new EncryptionKeyError(
        `the master key does not match the one that sealed ${join(directory, keysFileName)}; refusing to start`,
      );
    }
    return new MessageSealer(directory, masterKey, existing);
  }

  /** Refuses to start without a master key where messages were sealed before. */
  static assertNotSealed(directory: string): void {
    if (readKeysFile(directory) !== undefined) {
      throw new EncryptionKeyError(
        `${join(directory, keysFileName)} exists: messages here are sealed; start with --master-key-file`,
      );
    }
  }

  sealPayload(queueId: number, payload: Uint8Array): Buffer {
    const keyId = this.#queueKeyId(queueId);
    const keyIdBytes = Buffer.from(keyId, 'utf8');
    const sealed = seal(this.#dataKey(keyId), payload, keyIdBytes);
    return Buffer.concat([Buffer.from([sealedMarker, keyIdBytes.length]), keyIdBytes, sealed]);
  }

  /** The plain payload: sealed ones are opened, plain ones (sent before SSE) pass through. */
  openPayload(payload: Buffer): Buffer {
    return openPayloadWith(payload, (keyId) => this.#dataKey(keyId));
  }

  #queueKeyId(queueId: number): string {
    const existing = this.#file.queueKeys[String(queueId)];
    if (existing !== undefined) return existing;
    const keyId = `q${queueId}-${randomBytes(4).toString('hex')}`;
    const dataKey = randomBytes(32);
    this.#file.dataKeys[keyId] = seal(this.#masterKey, dataKey, Buffer.from(keyId)).toString(
      'base64',
    );
    this.#file.queueKeys[String(queueId)] = keyId;
    // Durable before any message is sealed with it: a key lost after its messages would lose them.
    writeKeysFile(this.#directory, this.#file);
    this.#dataKeys.set(keyId, dataKey);
    return keyId;
  }

  #dataKey(keyId: string): Buffer {
    const cached = this.#dataKeys.get(keyId);
    if (cached !== undefined) return cached;
    const wrapped = this.#file.dataKeys[keyId];
    if (wrapped === undefined)
      throw new EncryptionKeyError(`no data key ${keyId} in ${keysFileName}`);
    const dataKey = open(this.#masterKey, Buffer.from(wrapped, 'base64'), Buffer.from(keyId));
    this.#dataKeys.set(keyId, dataKey);
    return dataKey;
  }
}

/** Opens a payload if it is sealed; throws EncryptionKeyError if it cannot be opened. */
export function openPayloadWith(
  payload: Buffer,
  dataKeyOf: ((keyId: string) => Buffer) | undefined,
): Buffer {
  if (payload[0] !== sealedMarker) return payload;
  if (dataKeyOf === undefined)
    throw new EncryptionKeyError('a sealed message, and no master key to open it');
  const keyIdLength = payload[1] ?? 0;
  const keyId = payload.toString('utf8', 2, 2 + keyIdLength);
  try {
    return open(dataKeyOf(keyId), payload.subarray(2 + keyIdLength), Buffer.from(keyId, 'utf8'));
  } catch (error) {
    if (error instanceof EncryptionKeyError) throw error;
    throw new EncryptionKeyError(
      `a sealed message under key ${keyId} does not open: it was changed`,
    );
  }
}

function readKeysFile(directory: string): KeysFile | undefined {
  let text: string;
  try {
    text = readFileSync(join(directory, keysFileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<KeysFile>;
  if (
    parsed.version !== 1 ||
    typeof parsed.check !== 'string' ||
    typeof parsed.dataKeys !== 'object'
  ) {
    throw new EncryptionKeyError(`${keysFileName} does not have the expected structure`);
  }
  return {
    version: 1,
    check: parsed.check,
    dataKeys: parsed.dataKeys ?? {},
    queueKeys: parsed.queueKeys ?? {},
  };
}

function writeKeysFile(directory: string, file: KeysFile): void {
  writeFileAtomically(directory, keysFileName, JSON.stringify(file), 0o600);
}

/** A stored payload in plain form, whether or not it was sealed. */
export function plainPayload(sealer: MessageSealer | undefined, payload: Buffer): Buffer {
  return sealer === undefined ? openPayloadWith(payload, undefined) : sealer.openPayload(payload);
}
