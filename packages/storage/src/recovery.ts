/**
 * Opening a log directory: find the segments, open the sealed ones (sealed-segment.ts) and the
 * active one (active-segment.ts), and prove the offsets are contiguous. Everything recovered
 * is synced before the log accepts appends, so nothing acknowledged later can sit on top of
 * data that only ever reached the page cache.
 */
import { join } from 'node:path';
import { openActiveSegment } from './active-segment.js';
import { LogCorruptionError } from './errors.js';
import { nonZeroEnd, openFlags, syncDirectory } from './file-system.js';
import { OffsetIndex } from './offset-index.js';
import { openSealedSegment } from './sealed-segment.js';
import { Segment } from './segment.js';
import { classifyDirectoryEntries, indexPath, segmentPath } from './segment-files.js';
import type { RecoveryContext, RecoveryReport, SegmentContext } from './recovery-context.js';

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
      segments.push(createSegment(context, context.initialOffset, false));
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

/**
 * Opens a new segment file: an empty one, or the zero-filled spare the caller just renamed to
 * the segment's name. Its directory entry is synced before its first write.
 */
export function createSegment(
  context: SegmentContext,
  baseOffset: number,
  preallocated: boolean,
): Segment {
  const path = segmentPath(context.directory, baseOffset);
  const create = preallocated
    ? openFlags.readWrite
    : openFlags.createReadWrite | openFlags.truncate;
  const fd = context.fileSystem.openSync(path, create | context.segmentOpenFlags, 0o644);
  return new Segment(context.directory, baseOffset, fd, new OffsetIndex(), 0, false);
}

/**
 * A roll creates (or renames a zero-filled spare into) the next segment file before the
 * previous segment's last batch is durable, so a crash can leave empty or all-zero files after
 * a torn segment. They hold nothing: remove them, so the torn segment becomes the active one
 * again and its tail is handled as a torn tail.
 */
function removeTrailingEmptySegments(context: RecoveryContext, baseOffsets: number[]): number {
  const { fileSystem } = context;
  let removed = 0;
  while (baseOffsets.length > 1) {
    const path = segmentPath(context.directory, baseOffsets[baseOffsets.length - 1] as number);
    const fd = fileSystem.openSync(path, openFlags.readOnly);
    let empty: boolean;
    try {
      const fileBytes = fileSystem.fstatSync(fd).size;
      empty = nonZeroEnd(fileSystem, fd, 0, fileBytes, context.scratch) === 0;
    } finally {
      fileSystem.closeSync(fd);
    }
    if (!empty) break;
    fileSystem.unlinkSync(path);
    baseOffsets.pop();
    removed += 1;
  }
  return removed;
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
