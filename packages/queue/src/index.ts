export { QueueStateMachine } from './queue-state-machine.js';
export {
  defaultQueueConfig,
  delayMsMax,
  invalidQueueConfigField,
  retentionMsMax,
  retentionMsMin,
  visibilityTimeoutMsMax,
  type QueueConfig,
} from './queue-config.js';
export type {
  ChangeVisibilityCommand,
  ConfigureCommand,
  DeadLetterCommand,
  DeleteBatchCommand,
  DeleteCommand,
  ExpireCommand,
  MoveInCommand,
  MoveOutCommand,
  PurgeCommand,
  QueueCommand,
  QueueCommandType,
  Receipt,
  ReceiveCommand,
  ReinsertCommand,
  SendCommand,
} from './queue-commands.js';
export type {
  ChangeVisibilityOutcome,
  ChangeVisibilityResult,
  ConfigureResult,
  DeadLetterMessage,
  DeadLetterResult,
  DeleteOutcome,
  DeleteBatchResult,
  DeleteResult,
  ExpireResult,
  LiveMessage,
  MoveInResult,
  MoveOutResult,
  PeekedMessage,
  PurgeResult,
  QueueCounters,
  QueueResult,
  QueueResults,
  ReceivedMessage,
  ReceiveResult,
  ReinsertResult,
  SendResult,
} from './queue-results.js';
export { encodeCommand } from './command-encoder.js';
export { decodeCommand } from './command-decoder.js';
export {
  CommandDecodeError,
  CommandEncodeError,
  QueueSnapshotError,
  type CommandDecodeErrorCode,
  type QueueSnapshotErrorCode,
} from './errors.js';
export { SnapshotBuffers, prefaultPages, type SnapshotBufferBudget } from './snapshot-buffers.js';
