/**
 * The partition's log records. One log hosts many queues, so every record names its queue.
 *
 * type 1 `queueCommand`: u32 queueId | u32 commandBytes | queue command | message payload (rest).
 *     For a send, the payload is the opaque message (body, attributes, MD5s) the gateway encoded;
 *     for a reinsert (compaction), the payload is a copy of the original send record's payload
 *     section, i.e. the bytes of a `queueCommand` record for the original send, so message data
 *     is found by following at most one level of nesting.
 * type 2 `moveMessage`: u32 sourceQueueId | u32 targetQueueId | f64 key | f64 nowMs | u8 flags.
 *     Removes a message from one queue and adds it to another, in one record, so a dead-letter
 *     move or a redrive can never lose or duplicate a message across a crash.
 * type 3 `dropQueue`: u32 queueId | f64 nowMs.
 */
export const recordTypes = {
  queueCommand: 1,
  moveMessage: 2,
  dropQueue: 3,
} as const;

export const moveFlags = {
  /** Redrive resets the receive count; a dead-letter move keeps it. */
  resetReceiveCount: 1,
} as const;

export class RecordDecodeError extends Error {
  readonly code = 'RecordDecode';
}

export interface QueueCommandRecord {
  readonly queueId: number;
  readonly command: Buffer;
  readonly payload: Buffer;
}

/**
 * The head of a `queueCommand` record: queue id, command length and the command. The message
 * payload, if any, follows it in the record; the log appends it after the head (Log.append's
 * payloadTail), so the payload is not copied into a framed buffer first.
 */
export function encodeQueueCommandHead(queueId: number, command: Uint8Array): Buffer {
  const head = Buffer.allocUnsafe(8 + command.length);
  head.writeUInt32LE(queueId, 0);
  head.writeUInt32LE(command.length, 4);
  head.set(command, 8);
  return head;
}

export function decodeQueueCommandRecord(record: Buffer): QueueCommandRecord {
  if (record.length < 8)
    throw new RecordDecodeError('queue command record shorter than its header');
  const commandBytes = record.readUInt32LE(4);
  if (8 + commandBytes > record.length) {
    throw new RecordDecodeError('queue command record shorter than its command');
  }
  return {
    queueId: record.readUInt32LE(0),
    command: record.subarray(8, 8 + commandBytes),
    payload: record.subarray(8 + commandBytes),
  };
}

export interface MoveMessageRecord {
  readonly sourceQueueId: number;
  readonly targetQueueId: number;
  readonly key: number;
  readonly nowMs: number;
  readonly flags: number;
}

const moveRecordBytes = 4 + 4 + 8 + 8 + 1;

export function encodeMoveMessageRecord(move: MoveMessageRecord): Buffer {
  const record = Buffer.allocUnsafe(moveRecordBytes);
  record.writeUInt32LE(move.sourceQueueId, 0);
  record.writeUInt32LE(move.targetQueueId, 4);
  record.writeDoubleLE(move.key, 8);
  record.writeDoubleLE(move.nowMs, 16);
  record.writeUInt8(move.flags, 24);
  return record;
}

export function decodeMoveMessageRecord(record: Buffer): MoveMessageRecord {
  if (record.length !== moveRecordBytes)
    throw new RecordDecodeError('move record has the wrong size');
  return {
    sourceQueueId: record.readUInt32LE(0),
    targetQueueId: record.readUInt32LE(4),
    key: record.readDoubleLE(8),
    nowMs: record.readDoubleLE(16),
    flags: record.readUInt8(24),
  };
}

export function encodeDropQueueRecord(queueId: number, nowMs: number): Buffer {
  const record = Buffer.allocUnsafe(12);
  record.writeUInt32LE(queueId, 0);
  record.writeDoubleLE(nowMs, 4);
  return record;
}

export function decodeDropQueueRecord(record: Buffer): { queueId: number; nowMs: number } {
  if (record.length !== 12) throw new RecordDecodeError('drop-queue record has the wrong size');
  return { queueId: record.readUInt32LE(0), nowMs: record.readDoubleLE(4) };
}
