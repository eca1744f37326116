import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusDocument } from '../admin-documents.js';
import { formatStatus } from './format-status.js';

const status: StatusDocument = {
  version: '0.1.0',
  uptimeSeconds: 3723,
  dataDirectory: '/var/lib/sluice',
  queues: [
    {
      name: 'orders',
      url: 'http://127.0.0.1:9324/000000000000/orders',
      fifo: false,
      visible: 1200,
      inflight: 3,
      delayed: 0,
      oldestAgeSeconds: 45,
    },
    {
      name: 'payments.fifo',
      url: 'http://127.0.0.1:9324/000000000000/payments.fifo',
      fifo: true,
      visible: 0,
      inflight: 0,
      delayed: 2,
      oldestAgeSeconds: null,
    },
  ],
  storage: { logBytes: 12 * 1024 * 1024, segmentCount: 4 },
};

test('status prints server facts as key: value lines and one aligned row per queue', () => {
  assert.equal(
    formatStatus('http://127.0.0.1:9324', status),
    [
      'endpoint:       http://127.0.0.1:9324',
      'version:        0.1.0',
      'uptime:         1h 2m',
      'data directory: /var/lib/sluice',
      'log:            12.0 MiB in 4 segments',
      '',
      'NAME           TYPE      VISIBLE  IN FLIGHT  DELAYED  OLDEST',
      'orders         standard     1200          3        0     45s',
      'payments.fifo  fifo            0          0        2       -',
      '',
    ].join('\n'),
  );
});

test('an empty queue shows no oldest age even when the server reports 0', () => {
  const queue = { ...status.queues[0]!, visible: 0, inflight: 0, delayed: 0, oldestAgeSeconds: 0 };
  assert.match(
    formatStatus('http://x', { ...status, queues: [queue] }),
    /\norders +standard +0 +0 +0 +-\n$/,
  );
});

test('status of a server without queues says so instead of printing an empty table', () => {
  const text = formatStatus('http://x', {
    ...status,
    queues: [],
    storage: { logBytes: 0, segmentCount: 1 },
  });
  assert.match(text, /log: +0 B in 1 segment\n\nno queues\n$/);
});
