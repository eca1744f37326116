export { Log, type LogOptions, type PreallocationMode, type SegmentInfo } from './log.js';
export type { LogRecord } from './record-reader.js';
export type { RecoveryReport } from './recovery-context.js';
export type { DurableWriteMode } from './durable-writer.js';
export type { StorageFileSystem, WriteCallback, SyncCallback } from './file-system.js';
export { nodeFileSystem } from './file-system.js';
export { recordHeaderBytes, recordTypeMin, recordTypeMax } from './record-format.js';
export {
  StorageError,
  storageErrorCodes,
  type StorageErrorCode,
  RecordTooLargeError,
  RecordTypeInvalidError,
  LogCorruptionError,
  SnapshotCorruptionError,
  LogClosedError,
  LogFailedError,
  LogBackPressureError,
  LogBusyError,
  OffsetOutOfRangeError,
} from './errors.js';
export {
  writeSnapshot,
  readSnapshot,
  readLatestSnapshot,
  listSnapshots,
  type Snapshot,
  type WriteSnapshotOptions,
} from './snapshot-store.js';
