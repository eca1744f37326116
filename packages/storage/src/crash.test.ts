import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32c } from '@node-rs/crc32';
import { Prng, testSeed } from '@sluice/core';
import { LogCorruptionError } from './errors.js';
import { Log, type SegmentInfo } from './log.js';
import { segmentPath } from './segment-files.js';
import { encodeRecord, recordBytesFor } from './record-format.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

const writerPath = fileURLToPath(new URL('./testing/crash-writer.js', import.meta.url));
const segmentBytes = 256 * 1024;
const appenderCount = 48;
const roundCount = 8;

interface Acknowledgement {
  type: number;
  epoch: number;
  payloadBytes: number;
  payloadChecksum: number;
}

/**
 * Runs the writer until it has acknowledged `killAfter` records, then SIGKILLs it. Adds every
 * record its journal acknowledges, including ones that raced with the kill, to `into`.
 */
function runWriterUntilKilled(
  directory: string,
  journal: string,
  seed: number,
  epoch: number,
  killAfter: number,
  into: Map<number, Acknowledgement>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // Odd rounds write into zero-filled preallocated segments, even rounds into growing files.
    const preallocate = String(epoch % 2 === 1);
    const arguments_ = [directory, String(seed), String(epoch), String(segmentBytes)];
    const child = fork(writerPath, [...arguments_, String(appenderCount), preallocate, journal], {
      silent: true,
    });
    let acknowledged = 0;
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
    child.stdout?.on('data', (data: Buffer) => {
      const lines = (pending + data.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('acknowledged ')) acknowledged += Number(line.split(' ')[1]);
      }
      if (acknowledged >= killAfter && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('close', (code, signal) => {
      if (!(signal === 'SIGKILL' && killed)) {
        reject(new Error(`writer exited with ${code ?? signal} before the kill: ${stderr}`));
        return;
      }
      // A line without its newline was cut by the kill: its record is simply not checked.
      for (const line of readFileSync(journal, 'utf8').split('\n').slice(0, -1)) {
        const [offset, type, lineEpoch, payloadBytes, payloadChecksum] = line
          .split(' ')
          .map(Number);
        into.set(offset as number, {
          type: type as number,
          epoch: lineEpoch as number,
          payloadBytes: payloadBytes as number,
          payloadChecksum: payloadChecksum as number,
        });
      }
      resolve();
    });
  });
}

/** Every acknowledged record is in the log with the same bytes, and offsets are contiguous. */
function verifyLog(log: Log, acknowledgements: ReadonlyMap<number, Acknowledgement>): void {
  assert.equal(log.firstOffset, 0);
  let highestAcknowledged = -1;
  for (const offset of acknowledgements.keys()) {
    highestAcknowledged = Math.max(highestAcknowledged, offset);
  }
  assert.ok(log.nextOffset > highestAcknowledged, `log ends at ${log.nextOffset}`);
  let expected = 0;
  for (const record of log.records()) {
    assert.equal(record.offset, expected, 'offsets are contiguous');
    const acknowledgement = acknowledgements.get(record.offset);
    if (acknowledgement !== undefined) {
      assert.equal(record.type, acknowledgement.type, `type of ${record.offset}`);
      assert.equal(record.epoch, acknowledgement.epoch, `epoch of ${record.offset}`);
      assert.equal(record.payload.length, acknowledgement.payloadBytes);
      assert.equal(crc32c(record.payload), acknowledgement.payloadChecksum);
    }
    expected += 1;
  }
  assert.equal(expected, log.nextOffset);
}

/** Garbage a crash could leave after the last record: part of a record, noise or zeros. */
function tornTail(prng: Prng, nextOffset: number): Buffer {
  switch (prng.nextInt(0, 2)) {
    case 0: {
      const payload = prng.bytes(prng.nextInt(10, 3000));
      const record = Buffer.alloc(recordBytesFor(payload.length));
      encodeRecord(record, 0, nextOffset, 1, 7, payload);
      return record.subarray(0, prng.nextInt(1, record.length - 1));
    }
    case 1:
      return prng.bytes(prng.nextInt(1, 5000));
    default:
      return Buffer.alloc(prng.nextInt(1, 8192));
  }
}

/**
 * A record that opening the log does not read: open checks a sealed segment's first and last
 * records against its index file, so damage there fails the open instead of the read (seed
 * 1059198655 put the middle of a segment's file inside a 73 KB last record).
 */
function innerRecordOfASealedSegment(log: Log): {
  segmentBaseOffset: number;
  middlePosition: number;
} {
  const candidates = log
    .segments()
    .slice(0, -1)
    .filter((segment) => segment.nextOffset - segment.baseOffset >= 3);
  assert.ok(candidates.length > 0, 'a sealed segment holds three records or more');
  const segment = candidates[Math.floor(candidates.length / 2)] as SegmentInfo;
  const inner = segment.baseOffset + Math.floor((segment.nextOffset - segment.baseOffset) / 2);
  let position = 0;
  for (const record of log.records(segment.baseOffset)) {
    const recordBytes = recordBytesFor(record.payload.length);
    if (record.offset === inner) {
      return {
        segmentBaseOffset: segment.baseOffset,
        middlePosition: position + Math.floor(recordBytes / 2),
      };
    }
    position += recordBytes;
  }
  throw new Error(`record ${inner} was not read`);
}

function activeSegmentPath(directory: string): string {
  const names = readdirSync(directory).filter((name) => name.endsWith('.log'));
  return join(directory, names.sort().at(-1) as string);
}

function flipByteAt(path: string, position: number): Buffer {
  const original = readFileSync(path);
  const damaged = Buffer.from(original);
  damaged[position] = (damaged[position] as number) ^ 0xff;
  writeFileSync(path, damaged);
  return original;
}

async function crashRounds(
  context: TestContext,
  directory: string,
  journalDirectory: string,
): Promise<void> {
  const seed = testSeed(20_240_611);
  context.diagnostic(`seed ${seed} (replay with SLUICE_SEED=${seed})`);
  const prng = new Prng(seed);
  const acknowledgements = new Map<number, Acknowledgement>();
  for (let round = 1; round <= roundCount; round++) {
    const killAfter = prng.nextInt(0, 3) === 0 ? prng.nextInt(1, 50) : prng.nextInt(200, 4000);
    const journal = join(journalDirectory, `journal-${round}`);
    await runWriterUntilKilled(
      directory,
      journal,
      seed + round,
      round,
      killAfter,
      acknowledgements,
    );
    let garbageBytes = 0;
    let garbageIsZeros = false;
    if (round % 2 === 0) {
      const probe = Log.open({ directory, segmentBytes });
      const nextOffset = probe.nextOffset;
      await probe.close();
      const garbage = tornTail(prng, nextOffset);
      appendFileSync(activeSegmentPath(directory), garbage);
      garbageBytes = garbage.length;
      // Zeros after the last record read as preallocated space, not as a torn write.
      garbageIsZeros = garbage.every((byte) => byte === 0);
    }
    const log = Log.open({ directory, segmentBytes });
    if (garbageBytes > 0 && !garbageIsZeros) {
      assert.ok(log.recovery.truncatedBytes >= garbageBytes, 'the torn tail was cut');
    }
    verifyLog(log, acknowledgements);
    context.diagnostic(
      `round ${round}: killed after ${killAfter} acks; ${acknowledgements.size} acknowledged, ` +
        `${log.nextOffset} records in ${log.segments().length} segments, ` +
        `${log.recovery.truncatedBytes} torn bytes cut (${garbageBytes} injected)`,
    );
    await log.close();
  }
}

test('every acknowledged record survives SIGKILL at random moments, and torn tails are cut', async (context) => {
  const root = temporaryDirectory(context, 'crash');
  const directory = join(root, 'log');
  await crashRounds(context, directory, root);

  const log = Log.open({ directory, segmentBytes });
  for (let index = 0; index < 20; index++) log.append(9, Buffer.alloc(500, index), 99);
  // The active segment is preallocated: its file is longer than its records. Its last four
  // records are these equal ones, so the middle of its records has valid records after it.
  while (log.nextOffset - log.segments().at(-1)!.baseOffset < 4) {
    log.append(9, Buffer.alloc(500, 1), 99);
  }
  const activeRecordBytes = log.segments().at(-1)!.bytes;
  const sealedRecord = innerRecordOfASealedSegment(log);
  await log.close();

  const sealed = segmentPath(directory, sealedRecord.segmentBaseOffset);
  const sealedOriginal = flipByteAt(sealed, sealedRecord.middlePosition);
  const reopened = Log.open({ directory, segmentBytes });
  assert.throws(
    () => [...reopened.records()],
    LogCorruptionError,
    'a sealed segment is checked on read',
  );
  await reopened.close();
  writeFileSync(sealed, sealedOriginal);

  const active = activeSegmentPath(directory);
  const activeBytes = statSync(active).size;
  // In the middle of the records, not of the file: past them lie preallocated zeros, where a
  // stray byte reads as a torn write and is cut (seed 1023809932 put the file's middle there).
  flipByteAt(active, Math.floor(activeRecordBytes / 2));
  assert.throws(() => Log.open({ directory, segmentBytes }), LogCorruptionError);
  assert.equal(statSync(active).size, activeBytes, 'corruption is never truncated away');
});
