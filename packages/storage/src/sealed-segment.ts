/**
 * Opening a sealed segment at recovery: from its index file if the file checks out (its own
 * checksum, the segment's size, and the first and last records found exactly where it says),
 * else by scanning the segment and rewriting the index file. A sealed segment has no torn
 * tail: a bad record anywhere in it is corruption.
 */
import { LogCorruptionError } from './errors.js';
import { nonZeroEnd, openFlags, readFully, type StorageFileSystem } from './file-system.js';
import { decodeIndexFile, readIndexFile, writeIndexFile } from './index-file.js';
import type { OffsetIndex } from './offset-index.js';
import { createRecordView, parseOutcomes, parseRecordAt } from './record-format.js';
import type { RecoveryContext, RecoveryReport } from './recovery-context.js';
import { Segment } from './segment.js';
import { indexPath, segmentPath } from './segment-files.js';
import { scanSegment, type SegmentScan } from './segment-scanner.js';

/** A segment's offset index and where its last record ends. */
interface SegmentRecords {
  index: OffsetIndex;
  dataBytes: number;
}

export function openSealedSegment(
  context: RecoveryContext,
  baseOffset: number,
  report: RecoveryReport,
): Segment {
  const { fileSystem, directory } = context;
  const fd = fileSystem.openSync(segmentPath(directory, baseOffset), openFlags.readOnly);
  try {
    const fileBytes = fileSystem.fstatSync(fd).size;
    let records = loadIndex(context, fd, baseOffset, fileBytes);
    if (records === undefined) {
      records = scanSealedSegment(context, fd, baseOffset, fileBytes);
      writeIndexFile(fileSystem, indexPath(directory, baseOffset), {
        baseOffset,
        fileBytes,
        ...records,
      });
      report.indexFilesRebuilt += 1;
    } else {
      report.indexFilesLoaded += 1;
    }
    const segment = new Segment(directory, baseOffset, fd, records.index, records.dataBytes, true);
    segment.sealed = true;
    return segment;
  } catch (error) {
    fileSystem.closeSync(fd);
    throw error;
  }
}

function loadIndex(
  context: RecoveryContext,
  fd: number,
  baseOffset: number,
  fileBytes: number,
): SegmentRecords | undefined {
  const { fileSystem } = context;
  const encoded = readIndexFile(fileSystem, indexPath(context.directory, baseOffset));
  if (encoded === undefined) return undefined;
  const decoded = decodeIndexFile(encoded, baseOffset, fileBytes);
  if (!('index' in decoded)) return undefined;
  const { index, dataBytes } = decoded;
  const last = index.count - 1;
  const firstEnd = index.count > 1 ? index.positionAt(1) : dataBytes;
  const lastPosition = index.positionAt(last);
  const lastFound = isRecordAt(fileSystem, fd, lastPosition, dataBytes, baseOffset + last);
  const firstFound = isRecordAt(fileSystem, fd, 0, firstEnd, baseOffset);
  return firstFound && lastFound ? decoded : undefined;
}

function isRecordAt(
  fileSystem: StorageFileSystem,
  fd: number,
  position: number,
  end: number,
  offset: number,
): boolean {
  const buffer = Buffer.allocUnsafe(end - position);
  if (readFully(fileSystem, fd, buffer, 0, buffer.length, position) !== buffer.length) return false;
  const view = createRecordView();
  const outcome = parseRecordAt(buffer, 0, buffer.length, view);
  return (
    outcome === parseOutcomes.ok && view.offset === offset && view.recordBytes === end - position
  );
}

/**
 * Zeros after the last record are allowed: the unused end of a preallocated file, smaller than
 * the record that did not fit. Zeros hiding lost records cannot pass for that: the next
 * segment's base offset would not follow on, which the caller checks.
 */
function scanSealedSegment(
  context: RecoveryContext,
  fd: number,
  baseOffset: number,
  fileBytes: number,
): SegmentRecords {
  const path = segmentPath(context.directory, baseOffset);
  const scan = scanSegment(context.fileSystem, fd, fileBytes, baseOffset);
  const offset = baseOffset + scan.index.count;
  const stop = scan.stop;
  if (stop !== undefined && !isZeroTail(context, fd, stop, fileBytes)) {
    throw new LogCorruptionError(path, stop.position, offset, `${stop.reason} in a sealed segment`);
  }
  if (scan.index.count === 0) throw new LogCorruptionError(path, 0, offset, 'empty sealed segment');
  return { index: scan.index, dataBytes: scan.validBytes };
}

/** Whether a scan stopped at zeros that run to the end of the file (preallocated space). */
export function isZeroTail(
  context: RecoveryContext,
  fd: number,
  stop: NonNullable<SegmentScan['stop']>,
  fileBytes: number,
): boolean {
  if (stop.reason !== 'lengthInvalid' && stop.reason !== 'incomplete') return false;
  const end = nonZeroEnd(context.fileSystem, fd, stop.position, fileBytes, context.scratch);
  return end === stop.position;
}
