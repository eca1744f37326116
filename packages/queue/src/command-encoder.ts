import { sqsLimits } from '@sluice/core';
import {
  commandTypeCodes,
  configureFlags,
  printableAsciiPattern,
  stringBytesMax,
  u32Max,
} from './command-format.js';
import { CommandEncodeError } from './errors.js';
import { delayMsMax, visibilityTimeoutMsMax, type QueueConfig } from './queue-config.js';
import type { DeleteBatchCommand, QueueCommand, Receipt } from './queue-commands.js';

/** Bytes of a command without its strings, deleteBatch apart: the longest is moveIn. */
const fixedBytesMax = 1 + 8 + 8 + 8 + 8 + 4 + 4 + 1;
const receiptBytes = 4 + 8 + 4;

/** The command's log form (see command-format.ts); throws CommandEncodeError when invalid. */
export function encodeCommand(command: QueueCommand): Buffer {
  const writer = new CommandWriter(bytesMaxOf(command));
  writer.u8(commandTypeCodes[command.type]);
  writer.safeInteger(command.nowMs, 'nowMs');
  switch (command.type) {
    case 'configure':
      writeConfig(writer, command.config);
      break;
    case 'send':
      writer.u8(flagsOf(command.delayMs, command.groupId, command.deduplicationId));
      writer.u32(command.bodyBytes, 'bodyBytes');
      if (command.delayMs !== undefined) writer.u32(command.delayMs, 'delayMs', delayMsMax);
      writer.string(command.messageId, 'messageId');
      if (command.groupId !== undefined) writer.string(command.groupId, 'groupId');
      if (command.deduplicationId !== undefined) {
        writer.string(command.deduplicationId, 'deduplicationId');
      }
      break;
    case 'receive':
      writeReceive(writer, command);
      break;
    case 'deleteBatch':
      writeDeleteBatch(writer, command);
      break;
    case 'delete':
    case 'changeVisibility':
      writeReceipt(writer, command.receipt);
      if (command.type === 'changeVisibility') {
        writer.u32(command.visibilityTimeoutMs, 'visibilityTimeoutMs', visibilityTimeoutMsMax);
      }
      break;
    case 'moveIn':
      writeMoveIn(writer, command);
      break;
    case 'deadLetter':
    case 'moveOut':
    case 'reinsert':
      writer.safeInteger(command.key, 'key');
      break;
    case 'expire':
    case 'purge':
      break;
  }
  return writer.finish();
}

function writeConfig(writer: CommandWriter, config: QueueConfig): void {
  let flags = 0;
  if (config.fifo) flags |= configureFlags.fifo;
  if (config.contentBasedDeduplication) flags |= configureFlags.contentBasedDeduplication;
  if (config.deduplicationScope === 'messageGroup') flags |= configureFlags.scopeMessageGroup;
  if (config.fifoThroughputLimit === 'perMessageGroupId')
    flags |= configureFlags.limitPerMessageGroupId;
  writer.u8(flags);
  writer.u32(config.visibilityTimeoutMs, 'visibilityTimeoutMs');
  writer.u32(config.delayMs, 'delayMs');
  writer.u32(config.retentionMs, 'retentionMs');
  writer.u32(config.maxReceiveCount, 'maxReceiveCount');
}

/**
 * Room for the command as written: a buffer per command sized for the longest possible one
 * (three 256-byte strings) took a new 8 KiB allocation pool every ten sends.
 */
function bytesMaxOf(command: QueueCommand): number {
  switch (command.type) {
    case 'deleteBatch':
      return 1 + 8 + 1 + command.receipts.length * receiptBytes;
    case 'send':
    case 'moveIn':
      return (
        fixedBytesMax +
        stringRoom(command.messageId) +
        stringRoom(command.groupId) +
        stringRoom(command.deduplicationId)
      );
    case 'receive':
      return fixedBytesMax + stringRoom(command.receiveRequestAttemptId);
    case 'configure':
    case 'delete':
    case 'changeVisibility':
    case 'expire':
    case 'deadLetter':
    case 'moveOut':
    case 'reinsert':
    case 'purge':
      return fixedBytesMax;
  }
}

/** A string is written (after its checks) as a u16 length and one byte per character. */
function stringRoom(value: string | undefined): number {
  return value === undefined ? 0 : 2 + value.length;
}

function writeReceipt(writer: CommandWriter, receipt: Receipt): void {
  writer.u32(receipt.slot, 'slot');
  writer.safeInteger(receipt.key, 'key');
  writer.u32(receipt.receiveNumber, 'receiveNumber');
}

function writeDeleteBatch(writer: CommandWriter, command: DeleteBatchCommand): void {
  const count = command.receipts.length;
  if (count < 1 || count > sqsLimits.batchEntryCountMax) invalid('receipts.length', count);
  writer.u8(count);
  for (const receipt of command.receipts) writeReceipt(writer, receipt);
}

function writeReceive(writer: CommandWriter, command: QueueCommand & { type: 'receive' }): void {
  writer.u32(command.countMax, 'countMax', sqsLimits.receiveCountMax);
  writer.u8(flagsOf(command.visibilityTimeoutMs, command.receiveRequestAttemptId));
  if (command.visibilityTimeoutMs !== undefined) {
    writer.u32(command.visibilityTimeoutMs, 'visibilityTimeoutMs', visibilityTimeoutMsMax);
  }
  if (command.receiveRequestAttemptId !== undefined) {
    writer.string(command.receiveRequestAttemptId, 'receiveRequestAttemptId');
  }
}

function writeMoveIn(writer: CommandWriter, command: QueueCommand & { type: 'moveIn' }): void {
  writer.safeInteger(command.key, 'key');
  writer.safeInteger(command.bodyOffset, 'bodyOffset');
  writer.safeInteger(command.sentAtMs, 'sentAtMs');
  writer.u32(command.receiveCount, 'receiveCount');
  writer.u32(command.bodyBytes, 'bodyBytes');
  writer.u8(flagsOf(command.groupId, command.deduplicationId));
  writer.string(command.messageId, 'messageId');
  if (command.groupId !== undefined) writer.string(command.groupId, 'groupId');
  if (command.deduplicationId !== undefined) {
    writer.string(command.deduplicationId, 'deduplicationId');
  }
}

/** Bit i set when the i-th optional field is present (no rest array or callback per command). */
function flagsOf(first: unknown, second?: unknown, third?: unknown): number {
  return (
    (first === undefined ? 0 : 1) | (second === undefined ? 0 : 2) | (third === undefined ? 0 : 4)
  );
}

class CommandWriter {
  readonly #buffer: Buffer;
  #length = 0;

  constructor(bytesMax: number) {
    this.#buffer = Buffer.allocUnsafe(bytesMax);
  }

  u8(value: number): void {
    this.#buffer[this.#length++] = value;
  }

  u32(value: number, field: string, maximum = u32Max): void {
    if (!Number.isInteger(value) || value < 0 || value > maximum) invalid(field, value);
    this.#buffer.writeUInt32LE(value, this.#length);
    this.#length += 4;
  }

  safeInteger(value: number, field: string): void {
    if (!Number.isSafeInteger(value) || value < 0) invalid(field, value);
    this.#buffer.writeDoubleLE(value, this.#length);
    this.#length += 8;
  }

  string(value: string, field: string): void {
    if (value.length > stringBytesMax || !printableAsciiPattern.test(value)) invalid(field, value);
    this.#buffer.writeUInt16LE(value.length, this.#length);
    this.#length += 2 + this.#buffer.write(value, this.#length + 2, 'latin1');
  }

  finish(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }
}

function invalid(field: string, value: unknown): never {
  throw new CommandEncodeError(`cannot encode ${field} = ${JSON.stringify(value)}`);
}
