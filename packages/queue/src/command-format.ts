import { sqsLimits } from '@sluice/core';
import type { QueueCommandType } from './queue-commands.js';

/**
 * Binary form of queue commands, as stored in the partition's log. Little-endian:
 * u8 type | f64 nowMs | fields of the type. Optional fields are announced by a flags byte, in
 * the order they follow. Strings are u16 length + printable ASCII (SQS ids are ASCII: message
 * ids are UUIDs; group, deduplication and attempt ids are "alphanumeric characters and
 * punctuation"). Keys, offsets and times are f64 holding safe integers.
 *
 * configure        u8 flags (fifo, contentBasedDeduplication, scope=messageGroup,
 *                  limit=perMessageGroupId) | u32 visibilityTimeoutMs | u32 delayMs
 *                  | u32 retentionMs | u32 maxReceiveCount
 * send             u8 flags (delay, group, dedup) | u32 bodyBytes | [u32 delayMs] | messageId
 *                  | [groupId] | [deduplicationId]
 * receive          u32 countMax | u8 flags (visibility, attempt) | [u32 visibilityTimeoutMs]
 *                  | [receiveRequestAttemptId]
 * delete           u32 slot | f64 key | u32 receiveNumber
 * deleteBatch      u8 count (1 to 10) | count x (u32 slot | f64 key | u32 receiveNumber)
 * changeVisibility u32 slot | f64 key | u32 receiveNumber | u32 visibilityTimeoutMs
 * moveIn           f64 key | f64 bodyOffset | f64 sentAtMs | u32 receiveCount | u32 bodyBytes
 *                  | u8 flags (group, dedup) | messageId | [groupId] | [deduplicationId]
 * deadLetter, moveOut, reinsert: f64 key.   expire, purge: nothing more.
 */
export const commandTypeCodes: Readonly<Record<QueueCommandType, number>> = {
  configure: 1,
  send: 2,
  receive: 3,
  delete: 4,
  changeVisibility: 5,
  expire: 6,
  deadLetter: 7,
  moveIn: 8,
  moveOut: 9,
  reinsert: 10,
  purge: 11,
  deleteBatch: 12,
};

export const commandTypesByCode: readonly (QueueCommandType | undefined)[] = (() => {
  const types: (QueueCommandType | undefined)[] = [];
  for (const [type, code] of Object.entries(commandTypeCodes)) {
    types[code] = type as QueueCommandType;
  }
  return types;
})();

export const configureFlags = {
  fifo: 1,
  contentBasedDeduplication: 2,
  scopeMessageGroup: 4,
  limitPerMessageGroupId: 8,
} as const;

export const u32Max = 0xffffffff;
export const stringBytesMax = sqsLimits.queueCommandStringBytesMax;
export const printableAsciiPattern = /^[\x20-\x7e]*$/;
