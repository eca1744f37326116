import { createHash, type Hash } from 'node:crypto';
import { ByteWriter } from './byte-writer.js';
import { messageState, neverMs, none } from './message-state.js';
import type { QueueCore } from './queue-core.js';

const flushBytes = 64 * 1024;

/**
 * SHA-256 over a canonical serialization of everything that decides future results: config,
 * clock, purge time, counters, every message in key order (slot, body position, state, times,
 * receive count, group), the free-list order, group orders, deduplication entries and receive
 * attempts. Values that no longer matter (the deadline of a visible message, the receive time
 * of a message not in flight) are written as -1, so equal logical states give equal digests
 * whatever their history; heap layouts are not state and are left out.
 */
export function digestOf(core: QueueCore): string {
  const hash = createHash('sha256');
  const writer = new ByteWriter();
  writeHeader(writer, core);
  writeMessages(writer, core, hash);
  writeFreeList(writer, core, hash);
  if (core.fifo) writeGroups(writer, core);
  for (const [deduplicationKey, entry] of core.deduplication.entries()) {
    writer.string(deduplicationKey);
    writer.string(entry.messageId);
    writer.f64(entry.key);
    writer.f64(entry.expiresAtMs);
  }
  writer.u32(core.attempts.size);
  for (const [attemptId, attempt] of core.attempts.entries()) {
    writer.string(attemptId);
    writer.f64(attempt.expiresAtMs);
    for (const { slot, key, receiveNumber } of attempt.messages) {
      writer.u32(slot);
      writer.f64(key);
      writer.u32(receiveNumber);
    }
  }
  writer.drain((bytes) => hash.update(bytes));
  return hash.digest('hex');
}

function writeHeader(writer: ByteWriter, core: QueueCore): void {
  const config = core.config;
  writer.string('sluice.queue.digest.v2');
  writer.u8(core.fifo ? 1 : 0);
  writer.f64(config.visibilityTimeoutMs);
  writer.f64(config.delayMs);
  writer.f64(config.retentionMs);
  writer.f64(config.maxReceiveCount);
  writer.u8(config.contentBasedDeduplication ? 1 : 0);
  writer.string(config.deduplicationScope);
  writer.string(config.fifoThroughputLimit);
  writer.f64(core.nowMs);
  writer.f64(core.lastPurgeAtMs);
  writer.u8(core.hasHeldMessages ? 1 : 0);
  for (let state = 1; state < core.stateCounts.length; state++)
    writer.u32(core.stateCounts[state]!);
  writer.u32(core.liveCount);
  writer.u32(core.table.highWater);
}

function writeMessages(writer: ByteWriter, core: QueueCore, hash: Hash): void {
  const table = core.table;
  const keys = new Float64Array(core.liveCount);
  let count = 0;
  for (let slot = 0; slot < table.highWater; slot++) {
    if (table.state[slot] !== messageState.free) keys[count++] = table.key[slot]!;
  }
  keys.sort();
  for (const key of keys) {
    const slot = core.keys.find(key);
    const state = table.state[slot]!;
    const sentAtMs = table.sentAtMs[slot]!;
    const timed = state === messageState.delayed || state === messageState.inflight;
    const inflight = state === messageState.inflight;
    const firstReceiveDeltaMs = table.firstReceiveDeltaMs[slot]!;
    writer.u32(slot);
    writer.f64(key);
    writer.f64(table.arrivalOf(slot));
    writer.f64(table.bodyOffset[slot]!);
    writer.u8(state);
    writer.f64(sentAtMs);
    writer.f64(timed ? table.dueAtMs(slot) : neverMs);
    writer.f64(firstReceiveDeltaMs === neverMs ? neverMs : sentAtMs + firstReceiveDeltaMs);
    writer.f64(inflight ? sentAtMs + table.receiveDeltaMs[slot]! : neverMs);
    writer.u32(table.receiveCount[slot]!);
    writer.u32(table.bodyBytes[slot]!);
    writer.u8(inflight ? table.visibilityChanged[slot]! : 0);
    if (core.fifo) writer.string(core.groupIdOf(slot)!);
    if (writer.length >= flushBytes) writer.drain((bytes) => hash.update(bytes));
  }
}

function writeFreeList(writer: ByteWriter, core: QueueCore, hash: Hash): void {
  const table = core.table;
  for (let slot = table.freeHead; slot !== none; slot = table.next[slot]!) {
    writer.u32(slot);
    if (writer.length >= flushBytes) writer.drain((bytes) => hash.update(bytes));
  }
  writer.u32(0xffffffff);
}

/** Each group's messages in delivery order, groups by id. */
function writeGroups(writer: ByteWriter, core: QueueCore): void {
  const table = core.table;
  const groups = [...core.groups.indexes()].sort((first, second) =>
    core.groups.nameOf(first) < core.groups.nameOf(second) ? -1 : 1,
  );
  for (const group of groups) {
    writer.string(core.groups.nameOf(group));
    for (let slot = core.groups.head[group]!; slot !== none; slot = table.next[slot]!) {
      writer.f64(table.key[slot]!);
    }
    writer.f64(-1);
  }
}
