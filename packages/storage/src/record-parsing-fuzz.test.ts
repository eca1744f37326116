import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Prng, testSeed } from '@sluice/core';
import { StorageError } from './errors.js';
import { nodeFileSystem, type StorageFileSystem } from './file-system.js';
import { Log } from './log.js';
import type { LogRecord } from './record-reader.js';
import { createRecordView, parseOutcomes, parseRecordAt } from './record-format.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

const segmentBytes = 4096;
const iterationCount = 1000;
/** Syncs make nothing more or less parseable; skipping them keeps a thousand opens fast. */
const fileSystem: StorageFileSystem = {
  ...nodeFileSystem,
  fsyncSync: () => undefined,
  fsync: (_fd, callback) => process.nextTick(callback, null),
};

/** With preallocation, so that zero tails and the spare file are among what gets damaged. */
async function writeTemplate(directory: string, prng: Prng): Promise<LogRecord[]> {
  const log = Log.open({ directory, segmentBytes, preallocate: true });
  for (let index = 0; index < 80; index++) {
    log.append(prng.nextInt(1, 254), prng.bytes(prng.nextInt(0, 700)), prng.nextInt(0, 3));
  }
  await log.close();
  const reopened = Log.open({ directory, segmentBytes });
  const records = [...reopened.records()];
  await reopened.close();
  return records;
}

type Mutation = (path: string, prng: Prng) => string;

const mutations: Mutation[] = [
  (path, prng) => {
    const length = prng.nextInt(0, statSync(path).size);
    truncateSync(path, length);
    return `truncate to ${length}`;
  },
  (path, prng) => {
    const bytes = readFileSync(path);
    const count = prng.nextInt(1, 4);
    for (let flip = 0; flip < count && bytes.length > 0; flip++) {
      const position = prng.nextInt(0, bytes.length - 1);
      bytes[position] = (bytes[position] as number) ^ (1 << prng.nextInt(0, 7));
    }
    writeFileSync(path, bytes);
    return `flip ${count} bits`;
  },
  (path, prng) => {
    const bytes = readFileSync(path);
    if (bytes.length === 0) return 'nothing to overwrite';
    const position = prng.nextInt(0, bytes.length - 1);
    const noise = prng.bytes(prng.nextInt(1, Math.min(300, bytes.length - position)));
    noise.copy(bytes, position);
    writeFileSync(path, bytes);
    return `overwrite ${noise.length} bytes at ${position}`;
  },
  (path, prng) => {
    const noise = prng.bytes(prng.nextInt(1, 2000));
    writeFileSync(path, noise, { flag: 'a' });
    return `append ${noise.length} random bytes`;
  },
  (path, prng) => {
    writeFileSync(path, prng.bytes(prng.nextInt(0, 5000)));
    return 'replace with random bytes';
  },
];

/** What a damaged log may do: open or fail with a typed error; never return a wrong record. */
function checkDamagedLog(directory: string, original: readonly LogRecord[]): string {
  let log: Log;
  try {
    log = Log.open({ directory, segmentBytes, fileSystem });
  } catch (error) {
    assert.ok(error instanceof StorageError, `open threw an untyped error: ${String(error)}`);
    return error.code;
  }
  try {
    assert.ok(log.nextOffset <= original.length, 'damage never creates records');
    for (const record of log.records()) {
      assert.deepEqual(record, original[record.offset], `record ${record.offset} changed`);
    }
    return log.recovery.truncatedBytes > 0 ? 'truncated' : 'opened';
  } catch (error) {
    assert.ok(error instanceof StorageError, `read threw an untyped error: ${String(error)}`);
    return error.code;
  } finally {
    void log.close();
  }
}

test('damaged segments and index files open cleanly or fail with typed errors, never return a bad record', async (context) => {
  const seed = testSeed(7_001);
  context.diagnostic(`seed ${seed} (replay with SLUICE_SEED=${seed})`);
  const prng = new Prng(seed);
  const template = temporaryDirectory(context, 'fuzz-template', { inMemory: true });
  const original = await writeTemplate(template, prng);
  const files = readdirSync(template).sort();
  const scratch = temporaryDirectory(context, 'fuzz', { inMemory: true });
  const outcomes = new Map<string, number>();
  for (let iteration = 0; iteration < iterationCount; iteration++) {
    rmSync(scratch, { recursive: true, force: true });
    cpSync(template, scratch, { recursive: true });
    const file = prng.pick(files);
    const described = prng.pick<Mutation>(mutations)(join(scratch, file), prng);
    let outcome: string;
    try {
      outcome = checkDamagedLog(scratch, original);
    } catch (error) {
      throw new Error(`iteration ${iteration}: ${file}: ${described}: ${String(error)}`);
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  context.diagnostic(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  assert.ok((outcomes.get('LogCorruption') ?? 0) > 0, 'some damage is detected as corruption');
  assert.ok((outcomes.get('truncated') ?? 0) > 0, 'some damage is a torn tail');
});

test('random bytes never parse as a record', (context) => {
  const seed = testSeed(7_002);
  context.diagnostic(`seed ${seed}`);
  const prng = new Prng(seed);
  const view = createRecordView();
  for (let iteration = 0; iteration < 20_000; iteration++) {
    const bytes = prng.bytes(prng.nextInt(0, 64));
    if (bytes.length >= 8 && prng.nextInt(0, 1) === 0) bytes.writeUInt32LE(bytes.length - 8, 0);
    const outcome = parseRecordAt(bytes, 0, bytes.length, view);
    assert.notEqual(outcome, parseOutcomes.ok, `iteration ${iteration}`);
  }
});
