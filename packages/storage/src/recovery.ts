/**
 * Opening a log directory: find the segments, trust a sealed segment's index file only if it
 * checks out (else rebuild it by scanning, where any bad record is corruption), scan the active
 * segment, cut a torn tail and prove the offsets are contiguous. Everything recovered is synced
 * before the log accepts appends, so nothing acknowledged later can sit on top of data that
 * only ever reached the page cache.
 */
import { join } from 'node:path';
import { LogCorruptionError } from './errors.js';
import { openFlags, readFully, syncDirectory, type StorageFileSystem } from './file-system.js';
import { decodeIndexFile, readIndexFile, writeIndexFile } from './index-file.js';
import { OffsetIndex } from './offset-index.js';
import { createRecordView, parseOutcomes, parseRecordAt } from './record-format.js';
import { Segment } from './segment.js';
import { classifyDirectoryEntries, indexPath, segmentPath } from './segment-files.js';
import { findValidRecordAfter, scanSegment } from './segment-scanner.js';

export interface RecoveryReport {
  /** Segments in the log after recovery. */
  segmentCount: number;
  /** Sealed segments opened from their index file, without a scan. */
  indexFilesLoaded: number;
  /** Sealed segments whose index file was missing or failed a check, and was rebuilt. */
  indexFilesRebuilt: number;
  /** Bytes cut from the end of the active segment: a write torn by a crash. */
  truncatedBytes: number;
  /** Trailing empty segment files removed (a roll that crashed before its first write). */
  emptySegmentsRemoved: number;
}

export interface RecoveryContext {
  fileSystem: StorageFileSystem;
  directory: string;
  /** The base offset of the first segment of a new, empty log. */
  initialOffset: number;
  /** Flags added when opening the active segment for appending. */
  segmentOpenFlags: number;
}

export function recoverLog(context: RecoveryContext): {
  segments: Segment[];
  report: RecoveryReport;
} {
  const { fileSystem, directory } = context;
  fileSystem.mkdirSync(directory, { recursive: true });
  const listing = classifyDirectoryEntries(fileSystem.readdirSync(directory));
  for (const name of listing.temporaryNames) fileSystem.unlinkSync(join(directory, name));
  const report: RecoveryReport = {
    segmentCount: 0,
    indexFilesLoaded: 0,
    indexFilesRebuilt: 0,
    truncatedBytes: 0,
    emptySegmentsRemoved: 0,
  };
  const baseOffsets = listing.segmentBaseOffsets;
  for (const baseOffset of baseOffsets) {
    if (!Number.isSafeInteger(baseOffset)) {
      const path = segmentPath(directory, baseOffset);
      throw new LogCorruptionError(path, 0, baseOffset, 'the name is not a safe integer offset');
    }
  }
  report.emptySegmentsRemoved = removeTrailingEmptySegments(context, baseOffsets);
  const activeBaseOffset = baseOffsets[baseOffsets.length - 1];
  for (const baseOffset of listing.indexBaseOffsets) {
    if (!baseOffsets.includes(baseOffset) || baseOffset === activeBaseOffset) {
      fileSystem.unlinkSync(indexPath(directory, baseOffset));
    }
  }
  const segments: Segment[] = [];
  try {
    if (activeBaseOffset === undefined) {
      segments.push(createSegment(context, context.initialOffset));
    } else {
      for (const baseOffset of baseOffsets.slice(0, -1)) {
        segments.push(openSealedSegment(context, baseOffset, report));
        checkContiguous(segments);
      }
      segments.push(openActiveSegment(context, activeBaseOffset, report));
      checkContiguous(segments);
    }
    fileSystem.fsyncSync((segments[segments.length - 1] as Segment).fd);
    syncDirectory(fileSystem, directory);
  } catch (error) {
    for (const segment of segments) fileSystem.closeSync(segment.fd);
    throw error;
  }
  for (const segment of segments) segment.directoryEntryDurable = true;
  report.segmentCount = segments.length;
  return { segments, report };
}

/** Creates an empty segment file; its directory entry is synced before its first write. */
export function createSegment(context: RecoveryContext, baseOffset: number): Segment {
  const path = segmentPath(context.directory, baseOffset);
  const flags = openFlags.createReadWrite | openFlags.truncate | context.segmentOpenFlags;
  const fd = context.fileSystem.openSync(path, flags, 0o644);
  return new Segment(context.directory, baseOffset, fd, new OffsetIndex(), 0, false);
}

/**
 * A roll creates the next segment file before the previous segment's last batch is durable,
 * so a crash can leave empty files after a torn segment. They hold nothing: remove them, so
 * the torn segment becomes the active one again and its tail is handled as a torn tail.
 */
function removeTrailingEmptySegments(context: RecoveryContext, baseOffsets: number[]): number {
  let removed = 0;
  while (baseOffsets.length > 1) {
    const path = segmentPath(context.directory, baseOffsets[baseOffsets.length - 1] as number);
    const fd = context.fileSystem.openSync(path, openFlags.readOnly);
    const bytes = context.fileSystem.fstatSync(fd).size;
    context.fileSystem.closeSync(fd);
    if (bytes > 0) break;
    context.fileSystem.unlinkSync(path);
    baseOffsets.pop();
    removed += 1;
  }
  return removed;
}

function openSealedSegment(
  context: RecoveryContext,
  baseOffset: number,
  report: RecoveryReport,
): Segment {
  const { fileSystem, directory } = context;
  const fd = fileSystem.openSync(segmentPath(directory, baseOffset), openFlags.readOnly);
  try {
    const bytes = fileSystem.fstatSync(fd).size;
    let index = loadIndex(context, fd, baseOffset, bytes);
    if (index === undefined) {
      index = scanSealedSegment(context, fd, baseOffset, bytes);
      const path = indexPath(directory, baseOffset);
      writeIndexFile(fileSystem, path, baseOffset, bytes, index);
      report.indexFilesRebuilt += 1;
    } else {
      report.indexFilesLoaded += 1;
    }
    const segment = new Segment(directory, baseOffset, fd, index, bytes, true);
    segment.sealed = true;
    return segment;
  } catch (error) {
    fileSystem.closeSync(fd);
    throw error;
  }
}

/**
 * The index file's positions, if the file checks out against the segment: its own checksum,
 * the segment's size, and the first and last records found exactly where it says.
 */
function loadIndex(
  context: RecoveryContext,
  fd: number,
  baseOffset: number,
  bytes: number,
): OffsetIndex | undefined {
  const encoded = readIndexFile(context.fileSystem, indexPath(context.directory, baseOffset));
  if (encoded === undefined) return undefined;
  const decoded = decodeIndexFile(encoded, baseOffset, bytes);
  if (!('index' in decoded)) return undefined;
  const index = decoded.index;
  const last = index.count - 1;
  const firstEnd = index.count > 1 ? index.positionAt(1) : bytes;
  const lastFound = isRecordAt(
    context.fileSystem,
    fd,
    index.positionAt(last),
    bytes,
    baseOffset + last,
  );
  const firstFound = isRecordAt(context.fileSystem, fd, 0, firstEnd, baseOffset);
  return firstFound && lastFound ? index : undefined;
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

/** A sealed segment has no torn tail: whatever does not check out is corruption. */
function scanSealedSegment(
  context: RecoveryContext,
  fd: number,
  baseOffset: number,
  bytes: number,
): OffsetIndex {
  const path = segmentPath(context.directory, baseOffset);
  const scan = scanSegment(context.fileSystem, fd, bytes, baseOffset);
  const offset = baseOffset + scan.index.count;
  if (scan.stop !== undefined) {
    const reason = `${scan.stop.reason} in a sealed segment`;
    throw new LogCorruptionError(path, scan.stop.position, offset, reason);
  }
  if (scan.index.count === 0) throw new LogCorruptionError(path, 0, offset, 'empty sealed segment');
  return scan.index;
}

/**
 * The active segment may end in a torn write: records of the last batch, partly on disk, or
 * zeros where the file grew but the data never landed. That tail is cut. But a bad record with
 * a valid record after it is not a torn write: it is corruption, and recovery stops.
 */
function openActiveSegment(
  context: RecoveryContext,
  baseOffset: number,
  report: RecoveryReport,
): Segment {
  const { fileSystem, directory } = context;
  const path = segmentPath(directory, baseOffset);
  const fd = fileSystem.openSync(path, openFlags.readWrite | context.segmentOpenFlags);
  try {
    const bytes = fileSystem.fstatSync(fd).size;
    const scan = scanSegment(fileSystem, fd, bytes, baseOffset);
    const stop = scan.stop;
    if (stop !== undefined) {
      const offset = baseOffset + scan.index.count;
      if (stop.reason === 'offsetMismatch') {
        throw new LogCorruptionError(path, stop.position, offset, 'a record with a wrong offset');
      }
      const valid = findValidRecordAfter(fileSystem, fd, bytes, stop.position + 1, offset);
      if (valid !== undefined) {
        const reason = `${stop.reason}, yet a valid record follows at file position ${valid}`;
        throw new LogCorruptionError(path, stop.position, offset, reason);
      }
    }
    if (scan.validBytes < bytes) {
      fileSystem.ftruncateSync(fd, scan.validBytes);
      report.truncatedBytes = bytes - scan.validBytes;
    }
    return new Segment(directory, baseOffset, fd, scan.index, scan.validBytes, true);
  } catch (error) {
    fileSystem.closeSync(fd);
    throw error;
  }
}

function checkContiguous(segments: readonly Segment[]): void {
  const current = segments[segments.length - 1];
  const previous = segments[segments.length - 2];
  if (current === undefined || previous === undefined) return;
  if (current.baseOffset !== previous.nextOffset) {
    const reason = `the segment starts at offset ${current.baseOffset}, the previous one ends at ${previous.nextOffset}`;
    throw new LogCorruptionError(current.path, 0, previous.nextOffset, reason);
  }
}
