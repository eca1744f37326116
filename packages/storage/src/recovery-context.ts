/** What opening and creating segment files needs to know; shared by recovery and the log. */
import type { StorageFileSystem } from './file-system.js';

export interface SegmentContext {
  fileSystem: StorageFileSystem;
  directory: string;
  /** The base offset of the first segment of a new, empty log. */
  initialOffset: number;
  /** Flags added when opening a segment file for appending. */
  segmentOpenFlags: number;
}

export interface RecoveryContext extends SegmentContext {
  /** A buffer of storageLimits.readChunkBytes for scans; recovery is synchronous. */
  scratch: Buffer;
}

export interface RecoveryReport {
  /** Segments in the log after recovery. */
  segmentCount: number;
  /** Sealed segments opened from their index file, without a scan. */
  indexFilesLoaded: number;
  /** Sealed segments whose index file was missing or failed a check, and was rebuilt. */
  indexFilesRebuilt: number;
  /**
   * Bytes cut from the end of the active segment: a write torn by a crash. Zeros after the
   * last record are preallocated space, not a torn write, and are neither cut nor counted.
   */
  truncatedBytes: number;
  /** Trailing empty or all-zero segment files removed (a roll that crashed before its first write). */
  emptySegmentsRemoved: number;
}
