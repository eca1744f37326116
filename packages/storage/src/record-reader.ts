/**
 * Reading records back, from a segment file or from a staged batch, checking every record's
 * checksum and offset on the way out: nothing that did not verify is ever returned.
 */
import { LogCorruptionError } from './errors.js';
import { readFully, type StorageFileSystem } from './file-system.js';
import {
  createRecordView,
  parseOutcomes,
  parseRecordAt,
  type RecordView,
} from './record-format.js';
import type { Segment } from './segment.js';
import type { WriteBatch } from './write-batch.js';

/** One record of the log, as appended. */
export interface LogRecord {
  offset: number;
  epoch: number;
  type: number;
  payload: Buffer;
}

/** Reads the record at [position, end) of segment's file, which must hold offset. */
export function readRecordFromFile(
  fileSystem: StorageFileSystem,
  segment: Segment,
  offset: number,
  position: number,
  end: number,
): LogRecord {
  const into: LogRecord[] = [];
  readRecordSpan(fileSystem, segment, [offset], position, end, into, 0);
  return into[0] as LogRecord;
}

/**
 * Reads the records [firstOffset, endOffset) stored at [position, endPosition) of the file with
 * one read. Their payloads share the buffer of that read.
 */
export function readRecordsFromFile(
  fileSystem: StorageFileSystem,
  segment: Segment,
  firstOffset: number,
  endOffset: number,
  position: number,
  endPosition: number,
  into: LogRecord[],
): void {
  const buffer = Buffer.allocUnsafe(endPosition - position);
  const read = readFully(fileSystem, segment.fd, buffer, 0, buffer.length, position);
  const view = createRecordView();
  let at = 0;
  for (let offset = firstOffset; offset < endOffset; offset++) {
    const expectedBytes = segment.endPositionOf(offset) - (position + at);
    const outcome = parseRecordAt(buffer, at, read, view);
    verify(segment, position + at, offset, outcome, view, expectedBytes);
    into.push(toRecord(buffer, view));
    at += view.recordBytes;
  }
}

/**
 * Reads the records at offsets (ascending, all in segment, all durable) with one read of the
 * file from position to endPosition, which spans them and whatever lies between, and stores
 * each at into[intoAt + its index]. Their payloads share the buffer of that read.
 */
export function readRecordSpan(
  fileSystem: StorageFileSystem,
  segment: Segment,
  offsets: readonly number[],
  position: number,
  endPosition: number,
  into: LogRecord[],
  intoAt: number,
): void {
  const buffer = Buffer.allocUnsafe(endPosition - position);
  const read = readFully(fileSystem, segment.fd, buffer, 0, buffer.length, position);
  const view = createRecordView();
  offsets.forEach((offset, index) => {
    const at = segment.positionOf(offset) - position;
    const expectedBytes = segment.endPositionOf(offset) - (position + at);
    const outcome = parseRecordAt(buffer, at, read, view);
    verify(segment, position + at, offset, outcome, view, expectedBytes);
    into[intoAt + index] = toRecord(buffer, view);
  });
}

/** Reads a record that is still staged in memory; the payload is copied out of the stage. */
export function readStagedRecord(
  segment: Segment,
  batch: WriteBatch,
  offset: number,
  position: number,
): LogRecord {
  const { chunk, at, end } = batch.locate(position);
  const view = createRecordView();
  const outcome = parseRecordAt(chunk, at, end, view);
  verify(segment, position, offset, outcome, view, segment.endPositionOf(offset) - position);
  return {
    offset: view.offset,
    epoch: view.epoch,
    type: view.type,
    payload: Buffer.from(chunk.subarray(view.payloadStart, view.payloadEnd)),
  };
}

function verify(
  segment: Segment,
  position: number,
  offset: number,
  outcome: string,
  view: RecordView,
  expectedBytes: number,
): void {
  let reason: string | undefined;
  if (outcome !== parseOutcomes.ok) reason = outcome;
  else if (view.offset !== offset) reason = `found offset ${view.offset}`;
  else if (view.recordBytes !== expectedBytes) reason = 'record length disagrees with the index';
  if (reason !== undefined) throw new LogCorruptionError(segment.path, position, offset, reason);
}

function toRecord(buffer: Buffer, view: RecordView): LogRecord {
  return {
    offset: view.offset,
    epoch: view.epoch,
    type: view.type,
    payload: Buffer.from(
      buffer.buffer,
      buffer.byteOffset + view.payloadStart,
      view.payloadEnd - view.payloadStart,
    ),
  };
}
