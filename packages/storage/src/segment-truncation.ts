/**
 * Cutting the log's last segment at an offset, for truncateAfter. The segment becomes the
 * active one again: its index file goes first (and that removal is made durable), so a crash
 * in between can never leave an index file describing bytes that are no longer there.
 */
import { openFlags, syncDirectory } from './file-system.js';
import type { SegmentContext } from './recovery-context.js';
import { Segment } from './segment.js';

/** Returns the segment to use from now on (the same file, reopened for appending). */
export function truncateSegment(
  context: SegmentContext,
  segment: Segment,
  offset: number,
): Segment {
  const { fileSystem, directory } = context;
  try {
    fileSystem.unlinkSync(segment.indexPath);
  } catch {
    // No index file: the segment was not sealed, or writing its index failed.
  }
  syncDirectory(fileSystem, directory);
  const position = offset < segment.nextOffset ? segment.positionOf(offset) : segment.bytes;
  fileSystem.closeSync(segment.fd);
  const fd = fileSystem.openSync(segment.path, openFlags.readWrite | context.segmentOpenFlags);
  try {
    fileSystem.ftruncateSync(fd, position);
    fileSystem.fsyncSync(fd);
  } catch (error) {
    fileSystem.closeSync(fd);
    throw error;
  }
  segment.index.truncate(offset - segment.baseOffset);
  return new Segment(directory, segment.baseOffset, fd, segment.index, position, true);
}
