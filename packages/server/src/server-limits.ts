/**
 * Bounds of the single-node server, each with its reason. SQS's own limits are in @sluice/core
 * (sqsLimits); these are the server's resource limits.
 */
export const serverLimits = {
  /** Messages one admin peek returns: a screenful, never a dump of the queue. */
  peekCountMax: 100,
  /**
   * Parsed queue URLs kept for reuse (queues/queue-directory.ts), and the longest URL kept: a
   * client uses a few URLs over and over, and the length bound keeps odd host names from making
   * the cache hold megabytes (1,024 x 512 B at most).
   */
  queueAddressCacheCountMax: 1_024,
  queueAddressCacheUrlLengthMax: 512,
  /**
   * Long polls waiting at once, across all queues. Each costs a Set entry, a timer and an open
   * socket; 10,000 is far above what one process is expected to hold but bounds memory.
   */
  longPollWaiterCountMax: 10_000,
  /** How often expired messages (retention) are swept from every queue. */
  retentionSweepIntervalMs: 10_000,
  /**
   * Queues that get their own label in /metrics; the rest are summed under queue="_other".
   * Each labeled queue adds about ten series; 100 queues keep a scrape near a thousand series,
   * well within what one Prometheus target should export.
   */
  metricsQueueLabelCountMax: 100,
  /**
   * The bearer token /metrics takes when --metrics-token-file is set: at least 16 characters
   * (openssl rand -hex 16 gives 32), at most 4 KiB (a header, not a document).
   */
  metricsTokenLengthMin: 16,
  metricsTokenLengthMax: 4096,
  /** How often the dashboard's per-queue history is sampled: fine enough for 5 s rate charts. */
  historySampleIntervalMs: 5_000,
  /** Samples kept per queue: one hour at the default interval. */
  historySampleCountMax: 720,
  /**
   * Queues with a history: 8 numbers x 720 samples x 8 bytes = 46 KB each, so 200 queues cost
   * about 9 MB. Queues past the bound still show their current numbers, without charts.
   */
  historyQueueCountMax: 200,
  /** Access keys and queues tracked by the throttles; the least recently used beyond it are forgotten. */
  throttleKeyCountMax: 100_000,
  /** How often free disk space is sampled for the back-pressure watermark. */
  diskSampleIntervalMs: 1000,
  /** Audit lines waiting to be written before new ones are counted as dropped. */
  auditPendingLinesMax: 100_000,
  /**
   * audit.log is rotated past this size (a line is about 250 bytes: some 250,000 lines a file)
   * and audit.log.1 to .4 kept, so the audit files never take more than 320 MiB, however many
   * refused callers there are.
   */
  auditFileBytesMax: 64 * 1024 * 1024,
  auditRotatedFilesMax: 4,
} as const;
