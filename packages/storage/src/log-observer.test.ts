import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Log } from './log.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

test('onBatchDurable reports every durable batch once, and its record and byte counts add up to what the log holds', async (context) => {
  const batches: { records: number; bytes: number; syncMs: number }[] = [];
  const log = Log.open({
    directory: temporaryDirectory(context),
    onBatchDurable: (records, bytes, syncMs) => batches.push({ records, bytes, syncMs }),
  });
  for (let round = 0; round < 3; round++) {
    for (let index = 0; index < 10; index++)
      log.append(1, Buffer.from(`record ${round}.${index}`), 1);
    await log.whenDurable(log.nextOffset - 1);
  }
  const records = batches.reduce((sum, batch) => sum + batch.records, 0);
  const bytes = batches.reduce((sum, batch) => sum + batch.bytes, 0);
  assert.equal(records, 30);
  assert.equal(
    bytes,
    log.segments().reduce((sum, segment) => sum + segment.bytes, 0),
  );
  assert.ok(batches.length >= 3, 'each awaited round is at least one batch');
  assert.ok(batches.every((batch) => batch.syncMs >= 0 && Number.isFinite(batch.syncMs)));
  await log.close();
});
