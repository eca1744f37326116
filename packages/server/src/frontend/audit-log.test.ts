import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type AuditEntry } from './audit-log.js';

const entry = (requestId: string): AuditEntry => ({
  time: '2026-11-21T00:00:00.000Z',
  requestId,
  accountId: '000000000000',
  accessKeyId: undefined,
  remoteAddress: '127.0.0.1',
  action: 'DeleteQueue',
  queue: '000000000000/q',
  outcome: 'ok',
  errorCode: undefined,
});

test('past its bound of waiting lines the audit log counts what it drops and says so in the file', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-audit-'));
  try {
    const log = new AuditLog(join(directory, 'audit.log'), 2);
    for (const id of ['r1', 'r2', 'r3', 'r4']) log.record(entry(id));
    await log.flush();
    log.record(entry('r5'));
    await log.flush();
    const lines = readFileSync(log.path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((line) => line['requestId'] ?? `dropped ${String(line['droppedEntries'])}`),
      // r1 is already being written when r2 and r3 wait; r4 finds both waiting places taken.
      ['r1', 'r2', 'r3', 'dropped 1', 'r5'],
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
