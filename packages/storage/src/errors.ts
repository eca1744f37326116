/**
 * Typed operating errors of the storage layer. Callers match on `code`, which never changes
 * once released; messages are for people. Programmer errors (a negative epoch, an offset that
 * is not an integer) are assertions instead.
 */
export const storageErrorCodes = {
  recordTooLarge: 'RecordTooLarge',
  recordTypeInvalid: 'RecordTypeInvalid',
  logCorruption: 'LogCorruption',
  snapshotCorruption: 'SnapshotCorruption',
  logClosed: 'LogClosed',
  logFailed: 'LogFailed',
  logBackPressure: 'LogBackPressure',
  logBusy: 'LogBusy',
  offsetOutOfRange: 'OffsetOutOfRange',
} as const;

export type StorageErrorCode = (typeof storageErrorCodes)[keyof typeof storageErrorCodes];

export abstract class StorageError extends Error {
  abstract readonly code: StorageErrorCode;
}

/** A payload longer than storageLimits.recordPayloadBytesMax was offered to append. */
export class RecordTooLargeError extends StorageError {
  readonly code = storageErrorCodes.recordTooLarge;
  constructor(
    readonly payloadBytes: number,
    readonly payloadBytesMax: number,
  ) {
    super(`record payload of ${payloadBytes} bytes exceeds the maximum of ${payloadBytesMax}`);
  }
}

/** A record type outside the range callers may use (1..254; 0 and 255 are reserved). */
export class RecordTypeInvalidError extends StorageError {
  readonly code = storageErrorCodes.recordTypeInvalid;
  constructor(readonly type: number) {
    super(`record type ${type} is not an integer in 1..254 (0 and 255 are reserved)`);
  }
}

/**
 * Bytes on disk that are not what was written: a bad checksum, an impossible length, a gap in
 * the offsets. Never skipped: the log refuses to open (or to read) until an operator or a
 * replica repairs it.
 */
export class LogCorruptionError extends StorageError {
  readonly code = storageErrorCodes.logCorruption;
  constructor(
    readonly segmentPath: string,
    readonly filePosition: number,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(
      `log corruption in ${segmentPath} at file position ${filePosition} ` +
        `(offset ${offset}): ${reason}`,
    );
  }
}

/** A snapshot file that fails any check: magic, version, length or checksum. */
export class SnapshotCorruptionError extends StorageError {
  readonly code = storageErrorCodes.snapshotCorruption;
  constructor(
    readonly snapshotPath: string,
    readonly reason: string,
  ) {
    super(`snapshot ${snapshotPath} is corrupt: ${reason}`);
  }
}

/** The log was closed; nothing can be appended to or read from it any more. */
export class LogClosedError extends StorageError {
  readonly code = storageErrorCodes.logClosed;
  constructor() {
    super('the log is closed');
  }
}

/**
 * A write or sync failed. The log never retries (the kernel may already have dropped the dirty
 * pages, so a retried fsync could report success for lost data); it refuses all further work.
 */
export class LogFailedError extends StorageError {
  readonly code = storageErrorCodes.logFailed;
  constructor(cause: unknown) {
    super(`the log failed and accepts no more work: ${String(cause)}`, { cause });
  }
}

/** Too many appended bytes or records are waiting for the disk; retry after whenDurable. */
export class LogBackPressureError extends StorageError {
  readonly code = storageErrorCodes.logBackPressure;
  constructor(
    readonly pendingRecordCount: number,
    readonly pendingBytes: number,
  ) {
    super(
      `${pendingRecordCount} records (${pendingBytes} bytes) are waiting for the disk; ` +
        'wait for whenDurable before appending more',
    );
  }
}

/** An append arrived while truncateAfter was rewriting the tail of the log. */
export class LogBusyError extends StorageError {
  readonly code = storageErrorCodes.logBusy;
  constructor(readonly operation: string) {
    super(`the log is busy with ${operation}; append after it completes`);
  }
}

/** An offset that is not in [firstOffset, nextOffset). */
export class OffsetOutOfRangeError extends StorageError {
  readonly code = storageErrorCodes.offsetOutOfRange;
  constructor(
    readonly offset: number,
    readonly firstOffset: number,
    readonly nextOffset: number,
  ) {
    super(`offset ${offset} is outside the log [${firstOffset}, ${nextOffset})`);
  }
}
