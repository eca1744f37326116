export { Partition, UnknownQueueError } from './partition.js';
export { PartitionRecoveryError, SnapshotFormatError } from './partition-snapshots.js';
export { RecordDecodeError } from './record-envelope.js';
export type { PartitionOptions } from './partition-options.js';
export type {
  SendRequest,
  SendResult,
  ReceiveRequest,
  ReceiveResult,
  DeliveredMessage,
  DeleteOutcome,
  ChangeVisibilityOutcome,
  PurgeOutcome,
  PeekedMessage,
  QueueCounters,
  PartitionStatus,
} from './partition-types.js';
export { ReceiptHandleCodec, type ReceiptFields } from './receipt-handle.js';
export { aesCmacMethod } from './aes-cmac.js';
