import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueLabels, otherQueuesLabel } from './queue-labels.js';

test('the first queues up to the bound keep their own label, later ones share _other, and a deleted queue frees its label', () => {
  const labels = new QueueLabels(2);
  assert.equal(labels.labelOf('a/one'), 'a/one');
  assert.equal(labels.labelOf('a/two'), 'a/two');
  assert.equal(labels.labelOf('a/three'), otherQueuesLabel);
  assert.equal(labels.labelOf('a/one'), 'a/one');
  labels.retainOnly(new Set(['a/two', 'a/three']));
  assert.equal(labels.labeledCount, 1);
  assert.equal(labels.labelOf('a/three'), 'a/three');
  assert.equal(labels.labelOf('a/four'), otherQueuesLabel);
});
