/**
 * Reading a segment file from the start to rebuild its offset index, stopping at the first
 * record that is not valid; and, for a bad record at the tail of the log, looking for any valid
 * record after it, which tells a torn write (nothing valid follows) from corruption.
 */
import { storageLimits } from '@sluice/core';
import { readFully, type StorageFileSystem } from './file-system.js';
import { OffsetIndex } from './offset-index.js';
import {
  couldRecordStartAt,
  createRecordView,
  parseOutcomes,
  parseRecordAt,
  recordBytesFor,
  recordHeaderBytes,
  type ParseOutcome,
} from './record-format.js';

const recordBytesMax = recordBytesFor(storageLimits.recordPayloadBytesMax);

export type ScanStopReason = Exclude<ParseOutcome, 'ok'> | 'offsetMismatch';

export interface SegmentScan {
  index: OffsetIndex;
  /** The end of the last valid record: everything before it checked out. */
  validBytes: number;
  /** Where scanning stopped before the end of the file, and why; undefined if it did not. */
  stop: { position: number; reason: ScanStopReason } | undefined;
}

/**
 * Reads a file sequentially in large chunks. `window(position, minimumBytes)` returns a buffer
 * and the index in it of the file's byte at position, with at least minimumBytes available
 * unless the file ends first.
 */
class ChunkedFileReader {
  readonly #buffer = Buffer.allocUnsafe(storageLimits.readChunkBytes + recordBytesMax);
  #bufferStart = 0;
  #bufferBytes = 0;

  constructor(
    private readonly fileSystem: StorageFileSystem,
    private readonly fd: number,
    private readonly fileBytes: number,
  ) {}

  /** The buffer, valid from position - bufferStart to bufferEnd. */
  get buffer(): Buffer {
    return this.#buffer;
  }

  get bufferStart(): number {
    return this.#bufferStart;
  }

  get bufferEnd(): number {
    return this.#bufferBytes;
  }

  /** Makes [position, position + minimumBytes) available (clamped to the file's end). */
  ensure(position: number, minimumBytes: number): void {
    const wantedEnd = Math.min(position + minimumBytes, this.fileBytes);
    if (position >= this.#bufferStart && wantedEnd <= this.#bufferStart + this.#bufferBytes) return;
    const keepFrom = position - this.#bufferStart;
    const kept = keepFrom >= 0 && keepFrom < this.#bufferBytes ? this.#bufferBytes - keepFrom : 0;
    if (kept > 0) this.#buffer.copy(this.#buffer, 0, keepFrom, this.#bufferBytes);
    const readLength = Math.min(this.#buffer.length - kept, this.fileBytes - position - kept);
    const read = readFully(
      this.fileSystem,
      this.fd,
      this.#buffer,
      kept,
      readLength,
      position + kept,
    );
    this.#bufferStart = position;
    this.#bufferBytes = kept + read;
  }
}

/** Scans [0, fileBytes) of a segment whose first record has offset baseOffset. */
export function scanSegment(
  fileSystem: StorageFileSystem,
  fd: number,
  fileBytes: number,
  baseOffset: number,
): SegmentScan {
  const reader = new ChunkedFileReader(fileSystem, fd, fileBytes);
  const view = createRecordView();
  const index = new OffsetIndex();
  let position = 0;
  while (position < fileBytes) {
    reader.ensure(position, recordBytesMax);
    const at = position - reader.bufferStart;
    const outcome = parseRecordAt(reader.buffer, at, reader.bufferEnd, view);
    if (outcome !== parseOutcomes.ok)
      return { index, validBytes: position, stop: { position, reason: outcome } };
    if (view.offset !== baseOffset + index.count) {
      return { index, validBytes: position, stop: { position, reason: 'offsetMismatch' } };
    }
    index.push(position);
    position += view.recordBytes;
  }
  return { index, validBytes: position, stop: undefined };
}

/**
 * The position of the first record after fromPosition that is valid (checksum and all) and
 * carries an offset of at least offsetMin, or undefined if there is none. Candidates are
 * filtered by length and offset before any checksum is computed, so scanning garbage or zeros
 * costs a few comparisons per byte.
 */
export function findValidRecordAfter(
  fileSystem: StorageFileSystem,
  fd: number,
  fileBytes: number,
  fromPosition: number,
  offsetMin: number,
): number | undefined {
  const reader = new ChunkedFileReader(fileSystem, fd, fileBytes);
  const view = createRecordView();
  const offsetMax = offsetMin + Math.ceil((fileBytes - fromPosition) / recordHeaderBytes);
  for (let position = fromPosition; position + recordHeaderBytes <= fileBytes; position++) {
    reader.ensure(position, recordBytesMax);
    const at = position - reader.bufferStart;
    const buffer = reader.buffer;
    if (!couldRecordStartAt(buffer, at, reader.bufferEnd, offsetMin, offsetMax)) continue;
    if (parseRecordAt(buffer, at, reader.bufferEnd, view) === parseOutcomes.ok) return position;
  }
  return undefined;
}
