/**
 * Bounds of the single-node server, each with its reason. SQS's own limits are in @sluice/core
 * (sqsLimits); these are the server's resource limits.
 */
export const serverLimits = {
  /** Messages one admin peek returns: a screenful, never a dump of the queue. */
  peekCountMax: 100,
  /**
   * Long polls waiting at once, across all queues. Each costs a Set entry, a timer and an open
   * socket; 10,000 is far above what one process is expected to hold but bounds memory.
   */
  longPollWaiterCountMax: 10_000,
  /** How often expired messages (retention) are swept from every queue. */
  retentionSweepIntervalMs: 10_000,
  /** Node's default keep-alive (5 s) is below common load balancer idle timeouts (60 s). */
  keepAliveTimeoutMs: 65_000,
  /** Headers must arrive within this time (slowloris). */
  headersTimeoutMs: 20_000,
  /** A whole request must arrive within this (long polls wait after the request is complete). */
  requestTimeoutMs: 60_000,
} as const;
