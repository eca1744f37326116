/**
 * Opening the active (last) segment at recovery. It may end in a torn write: records of the
 * last batch partly on disk, or zeros where the file grew but the data never landed. That tail
 * is cut. Zeros alone are not a torn write but preallocated space, and stay. A bad record with
 * a valid record after it is not a torn write either: it is corruption, and recovery stops.
 */
import { LogCorruptionError } from './errors.js';
import { nonZeroEnd, openFlags } from './file-system.js';
import type { RecoveryContext, RecoveryReport } from './recovery-context.js';
import { isZeroTail } from './sealed-segment.js';
import { Segment } from './segment.js';
import { segmentPath } from './segment-files.js';
import { findValidRecordAfter, scanSegment } from './segment-scanner.js';

export function openActiveSegment(
  context: RecoveryContext,
  baseOffset: number,
  report: RecoveryReport,
): Segment {
  const { fileSystem, directory } = context;
  const path = segmentPath(directory, baseOffset);
  const fd = fileSystem.openSync(path, openFlags.readWrite | context.segmentOpenFlags);
  try {
    const fileBytes = fileSystem.fstatSync(fd).size;
    const scan = scanSegment(fileSystem, fd, fileBytes, baseOffset);
    const stop = scan.stop;
    if (stop !== undefined && !isZeroTail(context, fd, stop, fileBytes)) {
      const offset = baseOffset + scan.index.count;
      if (stop.reason === 'offsetMismatch') {
        throw new LogCorruptionError(path, stop.position, offset, 'a record with a wrong offset');
      }
      const end = nonZeroEnd(fileSystem, fd, stop.position, fileBytes, context.scratch);
      const valid = findValidRecordAfter(fileSystem, fd, end, stop.position + 1, offset);
      if (valid !== undefined) {
        const reason = `${stop.reason}, yet a valid record follows at file position ${valid}`;
        throw new LogCorruptionError(path, stop.position, offset, reason);
      }
      // Cut rather than zeroed: nothing of the torn write may survive to be misread after a
      // later crash; the rest of this segment grows the file again.
      fileSystem.ftruncateSync(fd, scan.validBytes);
      report.truncatedBytes = fileBytes - scan.validBytes;
    }
    return new Segment(directory, baseOffset, fd, scan.index, scan.validBytes, true);
  } catch (error) {
    fileSystem.closeSync(fd);
    throw error;
  }
}
