import { formatKeyValues, formatTable } from './table.js';

export interface ListedQueue {
  name: string;
  url: string;
}

/** The last path segment of a queue URL is the queue's name (`.../000000000000/orders`). */
export function queueNameFromUrl(queueUrl: string): string {
  const path = queueUrl.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `sluice queue list` as text: a NAME / URL table, or a sentence when there are none. */
export function formatQueueList(queues: readonly ListedQueue[]): string {
  if (queues.length === 0) return 'no queues\n';
  return formatTable(
    [{ title: 'name' }, { title: 'url' }],
    queues.map((queue) => [queue.name, queue.url]),
  );
}

/** `sluice queue attributes` as text: one aligned `Name: value` line per attribute, by name. */
export function formatQueueAttributes(attributes: Readonly<Record<string, string>>): string {
  const names = Object.keys(attributes).sort();
  return formatKeyValues(names.map((name) => [name, attributes[name] ?? '']));
}
