export const moveTaskLimits = {
  /** SQS's MaxNumberOfMessagesPerSecond range. */
  messagesPerSecondMax: 500,
  /** Without MaxNumberOfMessagesPerSecond SQS picks a "system optimized" rate; ours is its max. */
  defaultMessagesPerSecond: 500,
  /** Messages moved per partition call: small enough to keep the event loop responsive. */
  batchCountMax: 100,
  /** ListMessageMoveTasks returns at most 10 tasks. */
  listResultsMax: 10,
  /** Finished tasks remembered per queue, for ListMessageMoveTasks. */
  rememberedTaskCountMax: 10,
} as const;
