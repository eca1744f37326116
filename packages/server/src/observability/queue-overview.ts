import type { QueueOverview } from '@sluice/core';
import type { QueueSnapshot } from './queue-snapshot.js';
import type { ServerObservability } from './server-observability.js';

/** Samples in an overview sparkline: the last ten minutes at the default 5 s interval. */
const sparklineSampleCount = 120;

export function queueOverviews(
  snapshots: readonly QueueSnapshot[],
  observability: ServerObservability,
): QueueOverview[] {
  return snapshots.map((snapshot) => {
    const totals = observability.metrics.activity.totalsOf(snapshot.id);
    const columns = observability.history.columnsOf(snapshot.key, sparklineSampleCount);
    const count = columns?.atMs.length ?? 0;
    let sentPerSecond = 0;
    let receivedPerSecond = 0;
    if (columns !== undefined && count >= 2) {
      const seconds =
        ((columns.atMs[count - 1] as number) - (columns.atMs[count - 2] as number)) / 1000;
      if (seconds > 0) {
        sentPerSecond =
          ((columns.sent[count - 1] as number) - (columns.sent[count - 2] as number)) / seconds;
        receivedPerSecond =
          ((columns.received[count - 1] as number) - (columns.received[count - 2] as number)) /
          seconds;
      }
    }
    const start = Math.max(0, count - sparklineSampleCount);
    const depthSparkline =
      columns === undefined
        ? []
        : columns.visible
            .slice(start)
            .map((visible, index) => visible + (columns.inflight[start + index] as number));
    return {
      accountId: snapshot.accountId,
      name: snapshot.name,
      fifo: snapshot.fifo,
      visible: snapshot.visible,
      inflight: snapshot.inflight,
      delayed: snapshot.delayed,
      oldestAgeSeconds: snapshot.oldestAgeSeconds,
      sentPerSecond,
      receivedPerSecond,
      sentTotal: totals.sent,
      receivedTotal: totals.received,
      depthSparkline,
    };
  });
}
