import { sqsLimits } from '@sluice/core';
import { commandTypesByCode, configureFlags, stringBytesMax } from './command-format.js';
import { CommandDecodeError } from './errors.js';
import { delayMsMax, visibilityTimeoutMsMax, type QueueConfig } from './queue-config.js';
import type {
  MoveInCommand,
  QueueCommand,
  ReceiveCommand,
  Receipt,
  SendCommand,
} from './queue-commands.js';

const allConfigureFlags =
  configureFlags.fifo |
  configureFlags.contentBasedDeduplication |
  configureFlags.scopeMessageGroup |
  configureFlags.limitPerMessageGroupId;

/**
 * Reads a command written by encodeCommand. Anything else (unknown type, short or trailing
 * bytes, a field out of range, a non-ASCII string) throws CommandDecodeError, never a half
 * command. Replay decodes every record, so this is a hot path: no intermediate objects.
 */
export function decodeCommand(bytes: Uint8Array): QueueCommand {
  const reader = new CommandReader(bytes);
  const code = reader.u8();
  const type = commandTypesByCode[code];
  if (type === undefined) throw new CommandDecodeError('unknownCommandType', `type code ${code}`);
  const nowMs = reader.safeInteger('nowMs');
  let command: QueueCommand;
  switch (type) {
    case 'configure':
      command = { type, nowMs, config: readConfig(reader) };
      break;
    case 'send':
      command = readSend(reader, nowMs);
      break;
    case 'receive':
      command = readReceive(reader, nowMs);
      break;
    case 'delete':
      command = { type, nowMs, receipt: readReceipt(reader) };
      break;
    case 'deleteBatch': {
      const count = reader.u8Between('count', 1, sqsLimits.batchEntryCountMax);
      const receipts: Receipt[] = [];
      for (let index = 0; index < count; index++) receipts.push(readReceipt(reader));
      command = { type, nowMs, receipts };
      break;
    }
    case 'changeVisibility': {
      const receipt = readReceipt(reader);
      const visibilityTimeoutMs = reader.u32('visibilityTimeoutMs', 0, visibilityTimeoutMsMax);
      command = { type, nowMs, receipt, visibilityTimeoutMs };
      break;
    }
    case 'moveIn':
      command = readMoveIn(reader, nowMs);
      break;
    case 'deadLetter':
    case 'moveOut':
    case 'reinsert':
      command = { type, nowMs, key: reader.safeInteger('key') };
      break;
    case 'expire':
    case 'purge':
      command = { type, nowMs };
      break;
  }
  reader.expectEnd();
  return command;
}

function readConfig(reader: CommandReader): QueueConfig {
  const flags = reader.flags(allConfigureFlags);
  return {
    fifo: (flags & configureFlags.fifo) !== 0,
    visibilityTimeoutMs: reader.u32('visibilityTimeoutMs'),
    delayMs: reader.u32('delayMs'),
    retentionMs: reader.u32('retentionMs'),
    maxReceiveCount: reader.u32('maxReceiveCount'),
    contentBasedDeduplication: (flags & configureFlags.contentBasedDeduplication) !== 0,
    deduplicationScope: (flags & configureFlags.scopeMessageGroup) !== 0 ? 'messageGroup' : 'queue',
    fifoThroughputLimit:
      (flags & configureFlags.limitPerMessageGroupId) !== 0 ? 'perMessageGroupId' : 'perQueue',
  };
}

function readSend(reader: CommandReader, nowMs: number): SendCommand {
  const flags = reader.flags(7);
  const bodyBytes = reader.u32('bodyBytes');
  const delayMs = (flags & 1) !== 0 ? reader.u32('delayMs', 0, delayMsMax) : undefined;
  const messageId = reader.string('messageId');
  const groupId = (flags & 2) !== 0 ? reader.string('groupId') : undefined;
  const deduplicationId = (flags & 4) !== 0 ? reader.string('deduplicationId') : undefined;
  return {
    type: 'send',
    nowMs,
    messageId,
    bodyBytes,
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(groupId === undefined ? {} : { groupId }),
    ...(deduplicationId === undefined ? {} : { deduplicationId }),
  };
}

function readReceive(reader: CommandReader, nowMs: number): ReceiveCommand {
  const countMax = reader.u32('countMax', 1, sqsLimits.receiveCountMax);
  const flags = reader.flags(3);
  const visibilityTimeoutMs =
    (flags & 1) !== 0 ? reader.u32('visibilityTimeoutMs', 0, visibilityTimeoutMsMax) : undefined;
  const attemptId = (flags & 2) !== 0 ? reader.string('receiveRequestAttemptId') : undefined;
  return {
    type: 'receive',
    nowMs,
    countMax,
    ...(visibilityTimeoutMs === undefined ? {} : { visibilityTimeoutMs }),
    ...(attemptId === undefined ? {} : { receiveRequestAttemptId: attemptId }),
  };
}

function readReceipt(reader: CommandReader): Receipt {
  const slot = reader.u32('slot');
  const key = reader.safeInteger('key');
  const receiveNumber = reader.u32('receiveNumber');
  return { slot, key, receiveNumber };
}

function readMoveIn(reader: CommandReader, nowMs: number): MoveInCommand {
  const key = reader.safeInteger('key');
  const bodyOffset = reader.safeInteger('bodyOffset');
  const sentAtMs = reader.safeInteger('sentAtMs');
  const receiveCount = reader.u32('receiveCount');
  const bodyBytes = reader.u32('bodyBytes');
  const flags = reader.flags(3);
  const messageId = reader.string('messageId');
  const groupId = (flags & 1) !== 0 ? reader.string('groupId') : undefined;
  const deduplicationId = (flags & 2) !== 0 ? reader.string('deduplicationId') : undefined;
  return {
    type: 'moveIn',
    nowMs,
    key,
    bodyOffset,
    sentAtMs,
    receiveCount,
    bodyBytes,
    messageId,
    ...(groupId === undefined ? {} : { groupId }),
    ...(deduplicationId === undefined ? {} : { deduplicationId }),
  };
}

class CommandReader {
  readonly #bytes: Buffer;
  #position = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8(): number {
    this.#need(1);
    return this.#bytes[this.#position++]!;
  }

  u8Between(field: string, minimum: number, maximum: number): number {
    const value = this.u8();
    if (value < minimum || value > maximum) invalid(field, value);
    return value;
  }

  /** A flags byte with no bit outside `allowed`. */
  flags(allowed: number): number {
    const flags = this.u8();
    if ((flags & ~allowed) !== 0) invalid('flags', flags);
    return flags;
  }

  u32(field: string, minimum = 0, maximum = 0xffffffff): number {
    this.#need(4);
    const value = this.#bytes.readUInt32LE(this.#position);
    this.#position += 4;
    if (value < minimum || value > maximum) invalid(field, value);
    return value;
  }

  safeInteger(field: string): number {
    this.#need(8);
    const value = this.#bytes.readDoubleLE(this.#position);
    this.#position += 8;
    if (!Number.isSafeInteger(value) || value < 0) invalid(field, value);
    return value;
  }

  string(field: string): string {
    this.#need(2);
    const length = this.#bytes.readUInt16LE(this.#position);
    this.#position += 2;
    if (length > stringBytesMax) invalid(field, length);
    this.#need(length);
    const start = this.#position;
    const end = start + length;
    const bytes = this.#bytes;
    for (let index = start; index < end; index++) {
      const byte = bytes[index]!;
      if (byte < 0x20 || byte > 0x7e) invalid(field, byte);
    }
    this.#position = end;
    return bytes.toString('latin1', start, end);
  }

  expectEnd(): void {
    const trailing = this.#bytes.length - this.#position;
    if (trailing !== 0) {
      throw new CommandDecodeError('trailingBytes', `${trailing} bytes after the command`);
    }
  }

  #need(bytes: number): void {
    if (this.#position + bytes > this.#bytes.length) {
      throw new CommandDecodeError('truncated', 'command ends early');
    }
  }
}

function invalid(field: string, value: number): never {
  throw new CommandDecodeError('invalidField', `${field} = ${value}`);
}
