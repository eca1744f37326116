import { sqsLimits } from '@sluice/core';
import { ByteWriter } from './byte-writer.js';
import { ChunkReader } from './chunk-reader.js';
import { QueueSnapshotError } from './errors.js';
import { invalidQueueConfigField, type QueueConfig } from './queue-config.js';
import { QueueCore } from './queue-core.js';
import type { SnapshotBuffers } from './snapshot-buffers.js';
import { rebuildIndexes, type SnapshotGroups } from './snapshot-validation.js';

/**
 * Snapshot layout (little-endian header fields; message arrays copied raw, so native byte order,
 * recorded by a probe):
 *   "SLQS" | u16 version | u16 byte-order probe | f64 nowMs | f64 lastPurgeAtMs
 *   | u8 hasHeldMessages | config | u32 highWater | i32 freeHead | u32 liveCount
 *   | per-slot arrays [0, highWater): key, bodyOffset, sentAtMs (f64), dueDeltaMs,
 *     firstReceiveDeltaMs, receiveDeltaMs (i32), receiveCount, bodyBytes (u32), state, visibilityChanged (u8),
 *     next (i32: the free list and FIFO group links), arrivalDelta (u32; version 2 on)
 *   | FIFO: u32 groups, each (name, i32 head slot); u32 pending dead letters, each (u32 slot, group)
 *   | u32 deduplication entries, each (key, messageId, f64 message key, f64 expiresAtMs)
 *   | u32 receive attempts, each (id, f64 expiresAtMs, u32 n, n × (u32 slot, f64 key, u32 number))
 *   | version 2 on: u32 far arrivals, each (u32 slot, f64 arrival)
 * Slot numbers and the free-list order are kept: receipts issued before a restart stay valid.
 * Version 1 had no arrivals: its messages read as arrived at their key, which is what receipts
 * issued before version 2 name, so they stay valid too.
 * Heaps and the key index are rebuilt (their order is total, so their layout is not state).
 */
const magic = 0x53514c53;
const version = 2;
/** Snapshots without arrivals (written before they existed), still read. */
const versionWithoutArrival = 1;
const byteOrderProbe = new Uint8Array(new Uint16Array([0x0102]).buffer);
const stringBytesMax = 64 * 1024;

/**
 * The snapshot's chunks. With buffers (leased), the slot arrays are copied into them, and the
 * chunks are valid until the buffers are released.
 */
export function encodeSnapshot(core: QueueCore, buffers?: SnapshotBuffers): Uint8Array[] {
  const table = core.table;
  const count = table.highWater;
  const header = new ByteWriter();
  header.u32(magic);
  header.u16(version);
  header.u8(byteOrderProbe[0]!);
  header.u8(byteOrderProbe[1]!);
  header.f64(core.nowMs);
  header.f64(core.lastPurgeAtMs);
  header.u8(core.hasHeldMessages ? 1 : 0);
  writeConfig(header, core.config);
  header.u32(count);
  header.i32(table.freeHead);
  header.u32(table.liveCount);
  const chunks: Uint8Array[] = [header.take()];
  slotArrays(core).forEach((array, index) => {
    chunks.push(
      buffers === undefined ? copyOf(array, count) : buffers.copy(index, bytesOf(array, count)),
    );
  });
  chunks.push(encodeTail(core));
  return chunks;
}

/** The bytes of each slot array a snapshot would copy now, in copy order (buffer indexes). */
export function snapshotArrayBytes(core: QueueCore): number[] {
  const count = core.table.highWater;
  return slotArrays(core).map((array) => array.BYTES_PER_ELEMENT * count);
}

function encodeTail(core: QueueCore): Buffer {
  const tail = new ByteWriter();
  if (core.fifo) {
    tail.u32(core.groups.size);
    for (const group of core.groups.indexes()) {
      tail.string(core.groups.nameOf(group));
      tail.i32(core.groups.head[group]!);
    }
    tail.u32(core.pendingDeadLetterGroups.size);
    for (const [slot, groupId] of core.pendingDeadLetterGroups) {
      tail.u32(slot);
      tail.string(groupId);
    }
  }
  tail.u32(core.deduplication.size);
  for (const [deduplicationKey, entry] of core.deduplication.entries()) {
    tail.string(deduplicationKey);
    tail.string(entry.messageId);
    tail.f64(entry.key);
    tail.f64(entry.expiresAtMs);
  }
  tail.u32(core.attempts.size);
  for (const [attemptId, attempt] of core.attempts.entries()) {
    tail.string(attemptId);
    tail.f64(attempt.expiresAtMs);
    tail.u32(attempt.messages.length);
    for (const message of attempt.messages) {
      tail.u32(message.slot);
      tail.f64(message.key);
      tail.u32(message.receiveNumber);
    }
  }
  tail.u32(core.table.farArrivals.size);
  for (const [slot, arrival] of core.table.farArrivals) {
    tail.u32(slot);
    tail.f64(arrival);
  }
  return tail.take();
}

/** Reads and validates a snapshot; throws QueueSnapshotError and returns nothing on any fault. */
export function decodeSnapshot(chunks: readonly Uint8Array[]): QueueCore {
  try {
    return decodeValidated(new ChunkReader(chunks));
  } catch (error) {
    if (error instanceof QueueSnapshotError) throw error;
    throw new QueueSnapshotError('inconsistent', `snapshot rejected: ${String(error)}`);
  }
}

function decodeValidated(reader: ChunkReader): QueueCore {
  if (reader.u32() !== magic) throw new QueueSnapshotError('badMagic', 'not a queue snapshot');
  const snapshotVersion = reader.u16();
  if (snapshotVersion !== version && snapshotVersion !== versionWithoutArrival) {
    throw new QueueSnapshotError('unsupportedVersion', `snapshot version ${snapshotVersion}`);
  }
  if (reader.u8() !== byteOrderProbe[0] || reader.u8() !== byteOrderProbe[1]) {
    throw new QueueSnapshotError('unsupportedVersion', 'snapshot from another byte order');
  }
  const nowMs = expect(reader.f64(), isTime, 'nowMs');
  const lastPurgeAtMs = expect(
    reader.f64(),
    (value) => value === -Infinity || isTime(value),
    'lastPurgeAtMs',
  );
  const hasHeldMessages = expect(reader.u8(), (value) => value <= 1, 'hasHeldMessages') === 1;
  const config = readConfig(reader);
  const highWater = expect(
    reader.u32(),
    (value) => value <= sqsLimits.queueMessageCountMax,
    'highWater',
  );
  const freeHead = expect(reader.i32(), (value) => value >= -1 && value < highWater, 'freeHead');
  const liveCount = expect(reader.u32(), (value) => value <= highWater, 'liveCount');
  const core = new QueueCore(config.fifo, capacityFor(highWater));
  Object.assign(core, { nowMs, lastPurgeAtMs, hasHeldMessages, config });
  Object.assign(core.table, { highWater, freeHead, liveCount });
  const arrays = slotArrays(core);
  // Version 1 has no arrival deltas: they stay 0, every message arrived at its key.
  if (snapshotVersion === versionWithoutArrival) arrays.pop();
  for (const array of arrays) reader.into(bytesOf(array, highWater));
  const groups = config.fifo ? readGroups(reader) : undefined;
  readDeduplication(reader, core);
  readAttempts(reader, core, highWater);
  if (snapshotVersion !== versionWithoutArrival) readFarArrivals(reader, core, highWater);
  reader.expectEnd();
  rebuildIndexes(core, groups);
  return core;
}

function readGroups(reader: ChunkReader): SnapshotGroups {
  const heads: [string, number][] = [];
  const groupCount = reader.u32();
  for (let index = 0; index < groupCount; index++) {
    heads.push([reader.string(stringBytesMax), reader.i32()]);
  }
  const pending: [number, string][] = [];
  const pendingCount = reader.u32();
  for (let index = 0; index < pendingCount; index++) {
    pending.push([reader.u32(), reader.string(stringBytesMax)]);
  }
  return { heads, pending };
}

function readDeduplication(reader: ChunkReader, core: QueueCore): void {
  const count = reader.u32();
  let previousExpiresAtMs = 0;
  for (let index = 0; index < count; index++) {
    const deduplicationKey = reader.string(stringBytesMax);
    const messageId = reader.string(stringBytesMax);
    const key = expect(reader.f64(), isTime, 'deduplication key');
    const expiresAtMs = expect(reader.f64(), isTime, 'deduplication expiry');
    if (expiresAtMs < previousExpiresAtMs) {
      throw new QueueSnapshotError('inconsistent', 'deduplication entries out of order');
    }
    previousExpiresAtMs = expiresAtMs;
    core.deduplication.record(deduplicationKey, { messageId, key, expiresAtMs });
  }
  if (core.deduplication.size !== count) {
    throw new QueueSnapshotError('inconsistent', 'duplicate deduplication entries');
  }
}

/** Checked against the slots by snapshot-validation (each for a live slot whose delta says so). */
function readFarArrivals(reader: ChunkReader, core: QueueCore, highWater: number): void {
  const count = expect(reader.u32(), (value) => value <= highWater, 'far arrivals');
  for (let index = 0; index < count; index++) {
    const slot = expect(reader.u32(), (value) => value < highWater, 'far arrival slot');
    core.table.farArrivals.set(slot, expect(reader.f64(), isTime, 'far arrival'));
  }
  if (core.table.farArrivals.size !== count) {
    throw new QueueSnapshotError('inconsistent', 'a far arrival twice');
  }
}

function readAttempts(reader: ChunkReader, core: QueueCore, highWater: number): void {
  const count = expect(
    reader.u32(),
    (value) => value <= sqsLimits.receiveRequestAttemptCountMax,
    'attempts',
  );
  for (let index = 0; index < count; index++) {
    const attemptId = reader.string(stringBytesMax);
    const expiresAtMs = expect(reader.f64(), isTime, 'attempt expiry');
    const messageCount = reader.u32();
    if (messageCount < 1 || messageCount > sqsLimits.receiveCountMax) {
      throw new QueueSnapshotError('invalidValue', `attempt of ${messageCount} messages`);
    }
    const messages = [];
    for (let message = 0; message < messageCount; message++) {
      const slot = expect(reader.u32(), (value) => value < highWater, 'attempt slot');
      const key = expect(reader.f64(), isTime, 'attempt key');
      messages.push({ slot, key, receiveNumber: reader.u32() });
    }
    core.attempts.record(attemptId, { expiresAtMs, messages });
  }
  if (core.attempts.size !== count) {
    throw new QueueSnapshotError('inconsistent', 'duplicate receive attempts');
  }
}

function writeConfig(writer: ByteWriter, config: QueueConfig): void {
  writer.u8(config.fifo ? 1 : 0);
  writer.u32(config.visibilityTimeoutMs);
  writer.u32(config.delayMs);
  writer.u32(config.retentionMs);
  writer.u32(config.maxReceiveCount);
  writer.u8(config.contentBasedDeduplication ? 1 : 0);
  writer.u8(config.deduplicationScope === 'messageGroup' ? 1 : 0);
  writer.u8(config.fifoThroughputLimit === 'perMessageGroupId' ? 1 : 0);
}

function readConfig(reader: ChunkReader): QueueConfig {
  const flag = (name: string): boolean => expect(reader.u8(), (value) => value <= 1, name) === 1;
  const fifo = flag('fifo');
  const config: QueueConfig = {
    fifo,
    visibilityTimeoutMs: reader.u32(),
    delayMs: reader.u32(),
    retentionMs: reader.u32(),
    maxReceiveCount: reader.u32(),
    contentBasedDeduplication: flag('contentBasedDeduplication'),
    deduplicationScope: flag('deduplicationScope') ? 'messageGroup' : 'queue',
    fifoThroughputLimit: flag('fifoThroughputLimit') ? 'perMessageGroupId' : 'perQueue',
  };
  const field = invalidQueueConfigField(config);
  if (field !== undefined) throw new QueueSnapshotError('invalidValue', `config ${field}`);
  return Object.freeze(config);
}

type SlotArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** The per-slot arrays a snapshot carries, in order (the table's, not copies). */
function slotArrays(core: QueueCore): SlotArray[] {
  const table = core.table;
  return [
    table.key,
    table.bodyOffset,
    table.sentAtMs,
    table.dueDeltaMs,
    table.firstReceiveDeltaMs,
    table.receiveDeltaMs,
    table.receiveCount,
    table.bodyBytes,
    table.state,
    table.visibilityChanged,
    table.next,
    table.arrivalDelta,
  ];
}

function bytesOf(array: SlotArray, count: number): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, count * array.BYTES_PER_ELEMENT);
}

function copyOf(array: SlotArray, count: number): Uint8Array {
  return bytesOf(array, count).slice();
}

function capacityFor(highWater: number): number {
  let capacity = 1024;
  while (capacity < highWater) capacity *= 2;
  return capacity;
}

function isTime(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function expect<Value extends number>(
  value: Value,
  valid: (value: Value) => boolean,
  field: string,
): Value {
  if (!valid(value)) throw new QueueSnapshotError('invalidValue', `${field} = ${value}`);
  return value;
}
