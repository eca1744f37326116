import type { QueueStatus, StatusDocument } from '../admin-documents.js';
import { formatKeyValues, formatTable } from './table.js';
import { formatBytes, formatDurationSeconds } from './units.js';

/** `sluice status` as text: server facts as key: value lines, then one table row per queue. */
export function formatStatus(endpoint: string, status: StatusDocument): string {
  const summary = formatKeyValues([
    ['endpoint', endpoint],
    ['version', status.version],
    ['uptime', formatDurationSeconds(status.uptimeSeconds)],
    ['data directory', status.dataDirectory],
    [
      'log',
      `${formatBytes(status.storage.logBytes)} in ${status.storage.segmentCount} ${plural(status.storage.segmentCount, 'segment')}`,
    ],
  ]);
  if (status.queues.length === 0) return `${summary}\nno queues\n`;
  const queues = formatTable(
    [
      { title: 'name' },
      { title: 'type' },
      { title: 'visible', align: 'right' },
      { title: 'in flight', align: 'right' },
      { title: 'delayed', align: 'right' },
      { title: 'oldest', align: 'right' },
    ],
    status.queues.map((queue) => [
      queue.name,
      queue.fifo ? 'fifo' : 'standard',
      String(queue.visible),
      String(queue.inflight),
      String(queue.delayed),
      formatOldest(queue),
    ]),
  );
  return `${summary}\n${queues}`;
}

/** An empty queue has no oldest message, whatever age the server reports for it. */
function formatOldest(queue: QueueStatus): string {
  const empty = queue.visible + queue.inflight + queue.delayed === 0;
  return empty || queue.oldestAgeSeconds === null
    ? '-'
    : formatDurationSeconds(queue.oldestAgeSeconds);
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
