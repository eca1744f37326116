import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueHistory } from './queue-history.js';
import type { QueueSnapshot } from './queue-snapshot.js';

function snapshot(id: number, visible: number): QueueSnapshot {
  const name = `queue-${id}`;
  return {
    id,
    key: `000000000000/${name}`,
    accountId: '000000000000',
    name,
    fifo: false,
    visible,
    inflight: 0,
    delayed: 0,
    oldestAgeSeconds: 0,
  };
}

const noActivity = () => ({
  sent: 0,
  received: 0,
  deleted: 0,
  deadLettered: 0,
  throttled: 0,
  rejected: 0,
});

test('a queue history keeps only the newest samplesMax samples, oldest first', () => {
  const history = new QueueHistory(3, 10);
  for (let index = 0; index < 5; index++)
    history.record(index * 1000, [snapshot(1, index)], noActivity);
  const columns = history.columnsOf('000000000000/queue-1');
  assert.deepEqual(columns?.atMs, [2000, 3000, 4000]);
  assert.deepEqual(columns?.visible, [2, 3, 4]);
  assert.deepEqual(history.columnsOf('000000000000/queue-1', 2)?.atMs, [3000, 4000]);
});

test('queues past queueCountMax get no history, and a deleted queue loses its history', () => {
  const history = new QueueHistory(3, 2);
  history.record(0, [snapshot(1, 1), snapshot(2, 2), snapshot(3, 3)], noActivity);
  assert.equal(history.queueCount, 2);
  assert.equal(history.columnsOf('000000000000/queue-3'), undefined);
  history.record(1000, [snapshot(2, 2), snapshot(3, 3)], noActivity);
  assert.equal(history.columnsOf('000000000000/queue-1'), undefined);
  assert.deepEqual(history.columnsOf('000000000000/queue-3')?.atMs, [1000]);
});
