/**
 * Queue metadata (DESIGN §1 "metadata" role): names, ids, attributes, tags. One interface, with a
 * local durable file store for single-node Sluice; the cluster work adds an etcd store behind it.
 * Reads are synchronous from an in-memory view (gateways cache metadata); writes resolve once
 * durable.
 */
export interface QueueRecord {
  /** Stable numeric id used inside partitions; never reused. */
  readonly id: number;
  readonly accountId: string;
  readonly name: string;
  readonly fifo: boolean;
  /** User-settable queue attributes, as SQS strings (VisibilityTimeout, Policy, RedrivePolicy, ...). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAtMs: number;
  readonly lastModifiedAtMs: number;
}

export interface MoveTaskRecord {
  readonly taskHandle: string;
  readonly sourceQueueId: number;
  /** Undefined: each message goes back to the queue it was dead-lettered from. */
  readonly destinationQueueId: number | undefined;
  readonly maxMessagesPerSecond: number | undefined;
  readonly startedAtMs: number;
  readonly approximateNumberOfMessagesToMove: number;
  status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
  approximateNumberOfMessagesMoved: number;
  failureReason?: string;
}

export interface MetadataStore {
  listQueues(accountId?: string): readonly QueueRecord[];
  getQueue(accountId: string, name: string): QueueRecord | undefined;
  getQueueById(id: number): QueueRecord | undefined;
  /** Assigns the id. */
  createQueue(record: Omit<QueueRecord, 'id'>): Promise<QueueRecord>;
  updateQueue(record: QueueRecord): Promise<void>;
  deleteQueue(id: number, deletedAtMs: number): Promise<void>;
  /** When the named queue was deleted, if it was deleted recently enough to still matter. */
  deletedAtMs(accountId: string, name: string): number | undefined;
  listMoveTasks(sourceQueueId: number): readonly MoveTaskRecord[];
  saveMoveTask(task: MoveTaskRecord): Promise<void>;
  close(): Promise<void>;
}
