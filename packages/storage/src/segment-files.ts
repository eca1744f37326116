/**
 * Names of the files in a log directory. A segment is named by the offset of its first record,
 * zero-padded to 20 digits so that names sort like offsets: 00000000000000000000.log, with its
 * persisted offset index beside it (.index) once the segment is sealed.
 */
import { join } from 'node:path';

const offsetDigits = 20;
const segmentPattern = /^(\d{20})\.log$/;
const indexPattern = /^(\d{20})\.index$/;
const temporarySuffix = '.tmp';

export function segmentPath(directory: string, baseOffset: number): string {
  return join(directory, `${formatOffset(baseOffset)}.log`);
}

export function indexPath(directory: string, baseOffset: number): string {
  return join(directory, `${formatOffset(baseOffset)}.index`);
}

/** The zero-filled file that becomes the next segment (see segment-preallocator.ts). */
export function sparePath(directory: string): string {
  return join(directory, 'preallocated.spare');
}

export function temporaryPath(path: string): string {
  return path + temporarySuffix;
}

/**
 * Where a deleted segment file waits while it is shrunk and unlinked in the background. A
 * temporary name: recovery removes any it finds (a crash or a close before it was unlinked).
 */
export function disposalPath(path: string): string {
  return `${path}.deleted${temporarySuffix}`;
}

export function formatOffset(offset: number): string {
  return String(offset).padStart(offsetDigits, '0');
}

export interface DirectoryListing {
  /** Base offsets of segment files, ascending. */
  segmentBaseOffsets: number[];
  /** Base offsets that have an index file. */
  indexBaseOffsets: Set<number>;
  /** Leftovers of interrupted writes, safe to delete. */
  temporaryNames: string[];
}

export function classifyDirectoryEntries(names: readonly string[]): DirectoryListing {
  const segmentBaseOffsets: number[] = [];
  const indexBaseOffsets = new Set<number>();
  const temporaryNames: string[] = [];
  for (const name of names) {
    const segment = segmentPattern.exec(name);
    const index = indexPattern.exec(name);
    if (segment?.[1] !== undefined) segmentBaseOffsets.push(Number(segment[1]));
    else if (index?.[1] !== undefined) indexBaseOffsets.add(Number(index[1]));
    else if (name.endsWith(temporarySuffix)) temporaryNames.push(name);
  }
  segmentBaseOffsets.sort((left, right) => left - right);
  return { segmentBaseOffsets, indexBaseOffsets, temporaryNames };
}
