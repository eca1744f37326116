/** The life of a message slot. Stored in a Uint8Array, so plain small integers. */
export const messageState = {
  free: 0,
  visible: 1,
  delayed: 2,
  inflight: 3,
  /** Taken out of delivery for its dead-letter queue; removed by a `deadLetter` command. */
  pendingDeadLetter: 4,
} as const;

export type MessageState = (typeof messageState)[keyof typeof messageState];

/** Marks a timestamp delta that was never set (a message never received in this queue). */
export const neverMs = -1;

/** Marks "no slot / no group / not in a heap" in Int32Array links and positions. */
export const none = -1;
