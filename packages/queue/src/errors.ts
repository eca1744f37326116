export type CommandDecodeErrorCode =
  'truncated' | 'unknownCommandType' | 'invalidField' | 'trailingBytes';

/** Log bytes that are not a queue command this version wrote. */
export class CommandDecodeError extends Error {
  override readonly name = 'CommandDecodeError';

  constructor(
    readonly code: CommandDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A command that cannot be encoded (a field out of range or a non-ASCII id). */
export class CommandEncodeError extends Error {
  override readonly name = 'CommandEncodeError';
  readonly code = 'invalidField';
}

export type QueueSnapshotErrorCode =
  | 'badMagic'
  | 'unsupportedVersion'
  | 'truncated'
  | 'trailingBytes'
  | 'invalidValue'
  | 'inconsistent';

/** Snapshot bytes that do not describe a valid queue state; nothing was restored. */
export class QueueSnapshotError extends Error {
  override readonly name = 'QueueSnapshotError';

  constructor(
    readonly code: QueueSnapshotErrorCode,
    message: string,
  ) {
    super(message);
  }
}
