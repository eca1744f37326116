import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type AuditEntry, type AuditLogOptions } from './audit-log.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-audit-'));
  directories.push(directory);
  return directory;
}

const options = (overrides: Partial<AuditLogOptions> = {}): AuditLogOptions => ({
  pendingLinesMax: 100,
  fileBytesMax: 1024 * 1024,
  rotatedFilesMax: 2,
  onWriteError: (error) => {
    throw error;
  },
  ...overrides,
});

const linesOf = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

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
  const directory = temporaryDirectory();
  const log = new AuditLog(join(directory, 'audit.log'), options({ pendingLinesMax: 2 }));
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
});

test('past fileBytesMax the audit log rotates, keeps rotatedFilesMax old files and loses no line', async () => {
  const directory = temporaryDirectory();
  const lineBytes = `${JSON.stringify(entry('r000'))}\n`.length;
  const log = new AuditLog(
    join(directory, 'audit.log'),
    options({ fileBytesMax: lineBytes * 3, rotatedFilesMax: 2 }),
  );
  // One line at a time, so every write sees the size the one before left.
  for (let index = 0; index < 10; index++) {
    log.record(entry(`r${String(index).padStart(3, '0')}`));
    await log.flush();
  }
  assert.deepEqual(readdirSync(directory).sort(), ['audit.log', 'audit.log.1', 'audit.log.2']);
  for (const name of readdirSync(directory)) {
    assert.ok(statSync(join(directory, name)).size <= lineBytes * 3, name);
  }
  const kept = ['audit.log.2', 'audit.log.1', 'audit.log'].flatMap((name) =>
    linesOf(join(directory, name)).map((line) => line['requestId']),
  );
  // Ten lines, three a file: the oldest file (r000 to r002) was deleted at the third rotation.
  assert.deepEqual(kept, ['r003', 'r004', 'r005', 'r006', 'r007', 'r008', 'r009']);
});

test('a restarted audit log counts the size of the file it finds, so the bound holds across restarts', async () => {
  const directory = temporaryDirectory();
  const lineBytes = `${JSON.stringify(entry('r0'))}\n`.length;
  const path = join(directory, 'audit.log');
  for (const requestId of ['r0', 'r1', 'r2']) {
    const log = new AuditLog(path, options({ fileBytesMax: lineBytes * 2 }));
    log.record(entry(requestId));
    await log.flush();
  }
  assert.deepEqual(
    linesOf(`${path}.1`).map((line) => line['requestId']),
    ['r0', 'r1'],
  );
  assert.deepEqual(
    linesOf(path).map((line) => line['requestId']),
    ['r2'],
  );
});

test('a failed audit write is reported, not thrown, and its lines are counted in the next line written', async () => {
  const directory = temporaryDirectory();
  // The log's path is a directory for a while: appendFile fails with EISDIR.
  const path = join(directory, 'audit.log');
  mkdirSync(path);
  const reported: number[] = [];
  const log = new AuditLog(
    path,
    options({ onWriteError: (_error, linesLost) => reported.push(linesLost) }),
  );
  log.record(entry('r1'));
  log.record(entry('r2'));
  await log.flush();
  log.record(entry('r3'));
  await log.flush();
  // Three writes of one entry each (r2 arrived while r1's write was under way).
  assert.deepEqual(reported, [1, 1, 1]);
  rmSync(path, { recursive: true });
  log.record(entry('r4'));
  await log.flush();
  assert.deepEqual(
    linesOf(path).map((line) => line['requestId'] ?? `dropped ${String(line['droppedEntries'])}`),
    ['dropped 3', 'r4'],
  );
  assert.equal(existsSync(`${path}.1`), false);
});

test('an audit log with no room for a rotated file or no size at all is refused', () => {
  assert.throws(() => new AuditLog('/unused', options({ rotatedFilesMax: 0 })), RangeError);
  assert.throws(() => new AuditLog('/unused', options({ fileBytesMax: 0 })), RangeError);
});
