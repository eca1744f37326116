/**
 * Every bound in Sluice, in one place, each with the reason for its value (TigerBeetle's
 * constants.zig). Code imports these; it never repeats a literal. SQS values follow the AWS
 * quotas pages (../shared/reference/sqs-and-peers.md §1.3).
 */

const KiB = 1024;
const MiB = 1024 * KiB;

export const sqsLimits = {
  /** SQS raised the maximum message size from 256 KiB to 1 MiB on 2025-08-04. */
  messageBytesMax: 1 * MiB,
  /** MaximumMessageSize attribute range; the lower bound is SQS's. */
  maximumMessageSizeMin: 1 * KiB,
  /** A whole SendMessageBatch request may not exceed the message maximum either. */
  batchRequestBytesMax: 1 * MiB,
  /** Default MaximumMessageSize for new queues (SQS defaults to the maximum since 2025-08). */
  maximumMessageSizeDefault: 1 * MiB,
  /** Entries in one batch request. */
  batchEntryCountMax: 10,
  /** Batch entry Id: alphanumeric, hyphen and underscore, at most 80 characters. */
  batchEntryIdLengthMax: 80,
  /** Message attributes per message. */
  messageAttributeCountMax: 10,
  /** Message attribute names and data types, in characters. */
  messageAttributeNameLengthMax: 256,
  messageAttributeDataTypeLengthMax: 256,
  /** Queue names: 1-80 characters including the ".fifo" suffix. */
  queueNameLengthMax: 80,
  /** ListQueues page size. */
  listQueuesResultsMax: 1000,
  /** ReceiveMessage MaxNumberOfMessages. */
  receiveCountMax: 10,
  /** Long polling cannot exceed 20 seconds. */
  waitTimeSecondsMax: 20,
  /** Visibility timeout: 0 seconds to 12 hours, default 30 seconds. */
  visibilityTimeoutSecondsMax: 12 * 60 * 60,
  visibilityTimeoutSecondsDefault: 30,
  /** Delay, per queue or per message: 0 to 15 minutes. */
  delaySecondsMax: 15 * 60,
  /** Retention: 60 seconds to 14 days, default 4 days. */
  retentionSecondsMin: 60,
  retentionSecondsMax: 14 * 24 * 60 * 60,
  retentionSecondsDefault: 4 * 24 * 60 * 60,
  /** In-flight messages per standard queue (about 120,000 in SQS). */
  inflightStandardMax: 120_000,
  /** In-flight messages per FIFO queue. */
  inflightFifoMax: 120_000,
  /** FIFO deduplication window: 5 minutes. */
  deduplicationWindowMs: 5 * 60 * 1000,
  /** A ReceiveRequestAttemptId can be retried for 5 minutes after its ReceiveMessage. */
  receiveRequestAttemptWindowMs: 5 * 60 * 1000,
  /**
   * Queue state machine (packages/queue): messages one queue holds. Slots are Int32 indexes into
   * typed arrays that double; 2^27 messages already take ~15 GiB of index memory, so a queue
   * past this is refused (a retryable throttle) long before an array length limit is reached.
   */
  queueMessageCountMax: 2 ** 27,
  /**
   * Messages one receive marks for dead-lettering: one batch's worth, so a backlog of poison
   * messages costs each receive a bounded amount of work and the partition a bounded move.
   */
  receiveDeadLetterCountMax: 10,
  /**
   * FIFO deduplication entries kept for the 5-minute window: ~13k sends/s sustained for 5
   * minutes. Past it sends are throttled rather than deduplicated less (exactly-once holds).
   */
  deduplicationEntryCountMax: 4_000_000,
  /**
   * FIFO ReceiveRequestAttemptId records kept for retries; the oldest is forgotten first (a
   * forgotten attempt only turns a retry into a fresh receive).
   */
  receiveRequestAttemptCountMax: 100_000,
  /** Strings inside a queue command (message, group, deduplication and attempt ids), in bytes. */
  queueCommandStringBytesMax: 256,
  /** MessageDeduplicationId and MessageGroupId: at most 128 characters. */
  fifoIdLengthMax: 128,
  /** RedrivePolicy maxReceiveCount range. */
  maxReceiveCountMin: 1,
  maxReceiveCountMax: 1000,
  /** Queue tags: SQS recommends no more than 50. */
  tagCountMax: 50,
  tagKeyLengthMax: 128,
  tagValueLengthMax: 256,
  /** RedriveAllowPolicy sourceQueueArns: at most 10. */
  redriveAllowSourceQueueCountMax: 10,
  /** A purge may run only once per 60 seconds per queue. */
  purgeIntervalMs: 60 * 1000,
  /** A queue deleted is gone for 60 seconds before the name can be reused (QueueDeletedRecently). */
  queueDeletedRecentlyMs: 60 * 1000,
  /**
   * Largest HTTP request body the protocol parser accepts. A SendMessageBatch carries up to
   * 1 MiB of message data; percent-encoding (Query) or \uXXXX escapes (JSON) can triple it,
   * and names and parameters come on top. Anything larger cannot be a valid request.
   */
  requestBodyBytesMax: 8 * MiB,
  /**
   * Form parameters in one Query request. The largest valid request (a 10-entry batch, each
   * entry with 10 attributes of 5 fields, plus system attributes) has about 700.
   */
  queryParameterCountMax: 4096,
  /** MaximumMessageSize attribute ceiling: the message maximum. */
  maximumMessageSizeMax: 1 * MiB,
  /** Number message attributes: up to 38 significant digits, from 10^-128 to 10^126. */
  numberAttributeDigitsMax: 38,
  numberAttributeExponentMin: -128,
  numberAttributeExponentMax: 126,
  /** KmsDataKeyReusePeriodSeconds: 1 minute to 24 hours. */
  kmsDataKeyReusePeriodSecondsMin: 60,
  kmsDataKeyReusePeriodSecondsMax: 24 * 60 * 60,
  /** AddPermission Label: 1-80 alphanumeric, hyphen or underscore characters. */
  permissionLabelLengthMax: 80,
  /** An SQS policy statement written by AddPermission holds at most 7 actions. */
  permissionActionCountMax: 7,
  /** ListMessageMoveTasks MaxResults range. */
  listMessageMoveTasksResultsMax: 10,
  /** StartMessageMoveTask MaxNumberOfMessagesPerSecond range. */
  moveTaskMessagesPerSecondMax: 500,
  /** AWS account ids are 12 decimal digits (queue URLs and ARNs carry one). */
  accountIdLength: 12,
  /**
   * SigV4: a signed request whose X-Amz-Date is more than 15 minutes from the server's clock is
   * RequestExpired (AWS's window; it bounds how long a captured request can be replayed).
   */
  signatureClockSkewMsMax: 15 * 60 * 1000,
  /** SigV4 presigned URLs: X-Amz-Expires is at most 7 days, as AWS allows. */
  presignedUrlExpiresSecondsMax: 7 * 24 * 60 * 60,
} as const;

export const storageLimits = {
  /**
   * One log record: the largest SQS message (1 MiB body + attributes, each attribute up to
   * 1 MiB in total with the body) plus command fields. Bigger records are refused with a typed
   * error, so a corrupt length field can never make recovery allocate gigabytes.
   */
  recordPayloadBytesMax: 2 * MiB,
  /** Segments roll at this size: small enough to delete promptly, big enough to amortise opens. */
  segmentBytesDefault: 64 * MiB,
  /** Records written by one group commit: bounds the write buffer and the latency of a batch. */
  batchRecordCountMax: 4096,
  /** Bytes written by one group commit. */
  batchBytesMax: 16 * MiB,
  /**
   * A batch nobody waits for (standard queues' receives, deletes and visibility changes) is held
   * while the event loop keeps bringing more records, until it holds this many bytes: one write
   * for thousands of them instead of one per loop cycle. A quiet loop turn or a waiter (any send)
   * starts it at once.
   */
  unwaitedBatchBytesMax: 256 * KiB,
  /** Appends waiting for the current batch's fsync before appenders are told to back off. */
  pendingAppendCountMax: 65_536,
  /** A snapshot larger than this is refused on read: it cannot be a snapshot we wrote. */
  snapshotBytesMax: 8 * 1024 * MiB,
  /**
   * Bytes appended but not yet durable before appenders are told to back off: a few full
   * batches, so a stalled disk turns into a typed error instead of an unbounded heap.
   */
  pendingAppendBytesMax: 64 * MiB,
  /**
   * Segments hold at most 1 GiB: file positions live in Uint32Array indexes, and a bigger
   * segment only delays retention. Segments of at least 4 KiB keep per-file overhead sane.
   */
  segmentBytesMax: 1024 * MiB,
  segmentBytesMin: 4 * KiB,
  /**
   * Appended records are staged in pooled chunks of this size until written: one chunk holds a
   * typical batch (64 records of 1 KiB), and a record bigger than a chunk gets a buffer of its own.
   */
  stagingChunkBytes: 256 * KiB,
  /** Staging chunks kept for reuse after their batch is written; more are freed to the GC. */
  stagingChunkPoolCountMax: 32,
  /**
   * Recovery scans and replay reads read segments in chunks of this size: large enough that a
   * read costs far more copying than syscalls, small enough to stay out of the old generation.
   */
  readChunkBytes: 4 * MiB,
  /** Bytes of payload one readFrom call returns at most (always at least one record). */
  readBatchBytesMax: 16 * MiB,
  /**
   * readEach reads records that sit close together in a file with one read spanning them, gaps
   * included, up to this many bytes: a receive's ten messages sent together are one read
   * instead of ten. Larger spans are split.
   */
  readSpanBytesMax: 64 * KiB,
  /**
   * Segment files are zero-filled ahead of need in synced steps of this size: small enough
   * that an append waiting behind one step waits a fraction of a millisecond.
   */
  preallocationStepBytes: 256 * KiB,
  /**
   * 'auto' preallocation fills the next segment only while the log's writes average under this
   * many bytes. On the benchmark machine, measured in interleaved pairs of whole servers, the
   * spare made single sends 10% faster at 41 KiB a write (128 in flight) and 3% at 74 KiB
   * (256), and batches of ten 1 KiB messages 16% slower at 124 KiB and 8% at 378 KiB: a
   * write into zeroed blocks costs about 40 µs less kernel time, the zeros about 0.45 µs a
   * KiB, and at batch rates the fill also competes with the appends for the disk
   * (docs/benchmarks/analysis.md §1.19 and §1.27).
   */
  preallocationWriteBytesMax: 64 * KiB,
  /** 'auto' preallocation judges the active segment's writes once it has seen this many. */
  preallocationDecisionWritesMin: 256,
  /**
   * Deleted segment files are shrunk by this much per step, with a pause between steps, before
   * they are unlinked. Freeing a whole 64 MiB file holds ext4's journal for about 40 ms on the
   * benchmark machine, and every O_DSYNC append waits behind it; a 4 MiB step holds it for about
   * 2.5 ms (RocksDB's DeleteScheduler deletes in chunks for the same reason).
   */
  segmentDisposalStepBytes: 4 * MiB,
  /** The pause between two steps of shrinking a deleted segment file. */
  segmentDisposalPauseMs: 10,
  /** Snapshots kept by writeSnapshot: the newest plus one to fall back to if it is damaged. */
  snapshotRetainedCountDefault: 2,
  /** Snapshots are read back in chunks of this size, so no single buffer approaches 2 GiB. */
  snapshotReadChunkBytes: 64 * MiB,
} as const;

/** Bounds of the `sluice` command (packages/cli). */
export const cliLimits = {
  /**
   * ListQueues pages `sluice queue list` follows before giving up: 1,000 pages of 1,000 queues
   * is far beyond any real account, so a server that keeps returning NextToken cannot loop us.
   */
  listQueuesPageCountMax: 1000,
  /** Messages one `sluice peek` asks for: a screenful to skim, not a way to dump a queue. */
  peekCountMax: 100,
  /**
   * Bytes of an admin API response (peek, status) read before the CLI refuses it: a full peek
   * of 1 MiB messages fits, an endless or corrupt stream cannot exhaust the CLI's memory.
   */
  adminResponseBytesMax: 128 * MiB,
  /**
   * A local or LAN server accepts a connection in milliseconds; past this the endpoint is
   * reported as unreachable (exit 3) instead of leaving the user waiting.
   */
  connectTimeoutMs: 5_000,
  /** A whole request, including the longest long poll (20 s) and server time, gets this long. */
  requestTimeoutMs: 60_000,
  /** Attempts per SQS request (the SDK's standard retry default): rides out one blip, no more. */
  requestAttemptCountMax: 3,
  /**
   * Seconds one `sluice bench` phase may run: an hour is longer than any useful measurement,
   * and a typo (`--duration 36000`) cannot leave load running against a deployment overnight.
   */
  benchDurationSecondsMax: 3600,
  /**
   * Requests `sluice bench` keeps in flight: enough to saturate a server over one client
   * process (the SDK's agent queues past its sockets anyway), few enough not to exhaust ports.
   */
  benchConcurrencyMax: 1024,
  /**
   * Latency samples `sluice bench` keeps per phase (8 bytes each, 8 MiB): a minute at 15,000
   * requests/s. Past it, requests still count toward throughput but not the percentiles.
   */
  benchLatencySampleCountMax: 1_000_000,
  /**
   * Worker threads `sluice bench` may load from: one SDK client per thread, each near 2,000
   * sends a second on this project's machine, and more threads than a client machine has cores
   * only share those cores.
   */
  benchWorkersMax: 64,
} as const;

/** Bounds of authentication and authorization in the server. */
export const authLimits = {
  /**
   * Cached SigV4 signing keys (32 bytes each, one per key, day, region and service). Only known
   * keys reach the cache and a key needs one or two dates at a time (up to 8 with week-long
   * presigned URLs), so 4096 covers hundreds of keys; past it the oldest entry is dropped.
   */
  signingKeyCacheCountMax: 4096,
  /** A credentials file is a few lines per account; 1 MiB bounds what is read at start. */
  credentialsFileBytesMax: 1024 * 1024,
  /**
   * Secret access keys: AWS issues 40 characters. At least 16 keeps guessable toy secrets out of
   * a server exposed beyond loopback; 128 bounds what an HMAC key can be.
   */
  secretAccessKeyLengthMin: 16,
  secretAccessKeyLengthMax: 128,
} as const;
