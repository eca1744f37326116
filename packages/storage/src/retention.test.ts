import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync } from 'node:fs';
import { LogBusyError, LogFailedError, OffsetOutOfRangeError } from './errors.js';
import { Log } from './log.js';
import { recordBytesFor } from './record-format.js';
import { InstrumentedFileSystem, ioError } from './testing/instrumented-file-system.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

/** 100-byte payloads make 125-byte records: 32 records per 4 KiB segment. */
const segmentBytes = 4096;
const recordsPerSegment = Math.floor(segmentBytes / recordBytesFor(100));

function payloadFor(offset: number, epoch = 1): Buffer {
  return Buffer.alloc(100, (offset * 7 + epoch) % 251);
}

function appendUpTo(log: Log, endOffset: number, epoch = 1): void {
  while (log.nextOffset < endOffset) log.append(3, payloadFor(log.nextOffset, epoch), epoch);
}

function logFileCount(directory: string): number {
  return readdirSync(directory).filter((name) => name.endsWith('.log')).length;
}

test('deleteSegmentsBefore deletes only whole segments below the offset, never the active one', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes });
  appendUpTo(log, 100);
  await log.whenDurable(99);
  assert.equal(log.segments().length, 4);
  assert.equal(await log.deleteSegmentsBefore(recordsPerSegment * 2 - 1), 1);
  assert.equal(log.firstOffset, recordsPerSegment);
  assert.throws(() => log.read(recordsPerSegment - 1), OffsetOutOfRangeError);
  assert.deepEqual(log.read(recordsPerSegment).payload, payloadFor(recordsPerSegment));
  assert.equal(await log.deleteSegmentsBefore(1_000_000), 2, 'the active segment stays');
  assert.equal(log.segments().length, 1);
  assert.equal(log.firstOffset, recordsPerSegment * 3);
  assert.equal(logFileCount(directory), 1);
  assert.ok(!readdirSync(directory).some((name) => name.endsWith('.index')));
  await log.close();
  const reopened = Log.open({ directory, segmentBytes });
  assert.equal(reopened.firstOffset, recordsPerSegment * 3);
  assert.equal(reopened.nextOffset, 100);
  assert.deepEqual(reopened.read(99).payload, payloadFor(99));
  await reopened.close();
});

test('deleteSegmentsBefore keeps segments whose records are not durable yet', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context), segmentBytes });
  appendUpTo(log, 100);
  assert.equal(await log.deleteSegmentsBefore(100), 0);
  await log.whenDurable(99);
  assert.equal(await log.deleteSegmentsBefore(100), 3);
  await log.close();
});

const truncations = [
  { name: 'in the middle of the active segment', offset: 90 },
  { name: 'in the middle of a sealed segment', offset: 40 },
  { name: 'at a segment boundary', offset: recordsPerSegment * 2 },
  { name: 'to an empty log', offset: 0 },
];
for (const { name, offset } of truncations) {
  test(`truncateAfter ${name} drops exactly the records from that offset on, durably`, async (context) => {
    const directory = temporaryDirectory(context);
    const log = Log.open({ directory, segmentBytes });
    appendUpTo(log, 100);
    await log.truncateAfter(offset);
    assert.equal(log.nextOffset, offset);
    assert.equal(log.durableOffset, offset);
    assert.throws(() => log.read(offset), OffsetOutOfRangeError);
    appendUpTo(log, 120, 2);
    await log.close();
    const reopened = Log.open({ directory, segmentBytes });
    assert.equal(reopened.recovery.truncatedBytes, 0);
    assert.equal(reopened.nextOffset, 120);
    for (let expected = 0; expected < 120; expected++) {
      const record = reopened.read(expected);
      const epoch = expected < offset ? 1 : 2;
      assert.equal(record.epoch, epoch);
      assert.deepEqual(record.payload, payloadFor(expected, epoch), `offset ${expected}`);
    }
    let base = 0;
    for (const segment of reopened.segments()) {
      assert.equal(segment.baseOffset, base);
      base = segment.nextOffset;
    }
    await reopened.close();
  });
}

test('appends during truncateAfter are refused with LogBusyError, and work again after', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context), segmentBytes });
  appendUpTo(log, 50);
  const truncation = log.truncateAfter(10);
  assert.throws(() => log.append(3, payloadFor(0), 1), LogBusyError);
  await truncation;
  assert.equal(log.append(3, payloadFor(10), 1), 10);
  await assert.rejects(log.truncateAfter(-1), OffsetOutOfRangeError);
  await assert.rejects(log.truncateAfter(12), OffsetOutOfRangeError);
  await log.close();
});

test('a failed directory sync after deleting segments is fatal like any failed sync', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const fatalErrors: Error[] = [];
  const log = Log.open({
    directory: temporaryDirectory(context),
    segmentBytes,
    fileSystem,
    onFatalError: (error) => fatalErrors.push(error),
  });
  appendUpTo(log, 100);
  await log.whenDurable(99);
  const injected = ioError('EIO');
  fileSystem.failDirectorySyncsWith = injected;
  await assert.rejects(log.deleteSegmentsBefore(100), LogFailedError);
  assert.deepEqual(fatalErrors, [injected]);
  assert.throws(() => log.append(3, payloadFor(100), 1), LogFailedError);
  await log.close();
});

function disposalFileCount(directory: string): number {
  return readdirSync(directory).filter((name) => name.endsWith('.deleted.tmp')).length;
}

test('deleted segments leave the log at once; their files are shrunk in steps and unlinked in the background', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const directory = temporaryDirectory(context);
  const log = Log.open({
    directory,
    segmentBytes,
    fileSystem,
    segmentDisposalStepBytes: 1024,
    segmentDisposalPauseMs: 0,
  });
  appendUpTo(log, 100);
  await log.whenDurable(99);
  fileSystem.holdDisposal = true;
  assert.equal(await log.deleteSegmentsBefore(100), 3);
  // Out of the log and renamed durably, but not one byte freed yet.
  assert.equal(log.firstOffset, recordsPerSegment * 3);
  assert.equal(logFileCount(directory), 1);
  assert.equal(disposalFileCount(directory), 3);
  appendUpTo(log, 130);
  await log.whenDurable(129);
  assert.deepEqual(log.read(120).payload, payloadFor(120));
  fileSystem.releaseDisposal();
  await log.segmentFilesDisposed();
  assert.equal(disposalFileCount(directory), 0);
  const first = fileSystem.removalCalls.filter(([, path]) =>
    path.startsWith(`${directory}/00000000000000000000.log`),
  );
  const size = recordsPerSegment * recordBytesFor(100);
  assert.deepEqual(
    first.map(([call, , length]) => (length === undefined ? call : `${call} ${length}`)),
    ['rename', 'truncate 3072', 'truncate 2048', 'truncate 1024', 'unlink'],
    `a ${size}-byte segment in 1 KiB steps`,
  );
  await log.close();
});

test('a log reopened after a crash mid-disposal removes the leftover files and starts after the deleted segments', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes, fileSystem });
  appendUpTo(log, 100);
  await log.whenDurable(99);
  fileSystem.holdDisposal = true;
  assert.equal(await log.deleteSegmentsBefore(100), 3);
  // The crash: a copy of the directory as it is on disk now, opened by a new process.
  const crashed = temporaryDirectory(context);
  cpSync(directory, crashed, { recursive: true });
  assert.equal(disposalFileCount(crashed), 3);
  const reopened = Log.open({ directory: crashed, segmentBytes });
  assert.equal(disposalFileCount(crashed), 0);
  assert.equal(reopened.firstOffset, recordsPerSegment * 3);
  assert.equal(reopened.nextOffset, 100);
  assert.deepEqual(reopened.read(99).payload, payloadFor(99));
  await reopened.close();
  fileSystem.releaseDisposal();
  await log.close();
});

test('close stops a disposal between steps and leaves the rest to the next open', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes, fileSystem, segmentDisposalStepBytes: 1024 });
  appendUpTo(log, 100);
  await log.whenDurable(99);
  fileSystem.holdDisposal = true;
  await log.deleteSegmentsBefore(100);
  const closing = log.close();
  fileSystem.releaseDisposal();
  await closing;
  const truncates = fileSystem.removalCalls.filter(([call]) => call === 'truncate').length;
  assert.ok(truncates <= 1, `${truncates} truncate steps ran after close began`);
  assert.equal(disposalFileCount(directory), 3);
  const reopened = Log.open({ directory, segmentBytes });
  assert.equal(disposalFileCount(directory), 0);
  assert.equal(reopened.firstOffset, recordsPerSegment * 3);
  await reopened.close();
});

test('a failed rename out of the log is fatal; a failed shrink is only reported', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const fatalErrors: Error[] = [];
  const backgroundErrors: Error[] = [];
  const directory = temporaryDirectory(context);
  const log = Log.open({
    directory,
    segmentBytes: segmentBytes,
    fileSystem,
    segmentDisposalStepBytes: 1024,
    segmentDisposalPauseMs: 0,
    onFatalError: (error) => fatalErrors.push(error),
    onBackgroundError: (error) => backgroundErrors.push(error),
  });
  appendUpTo(log, 100);
  await log.whenDurable(99);
  const noSpace = ioError('EIO');
  fileSystem.failTruncatesWith = noSpace;
  assert.equal(await log.deleteSegmentsBefore(recordsPerSegment * 2), 2);
  await log.segmentFilesDisposed();
  assert.deepEqual(backgroundErrors, [noSpace, noSpace]);
  assert.equal(disposalFileCount(directory), 2, 'the files stay for the next open');
  assert.deepEqual(fatalErrors, []);
  appendUpTo(log, 110);
  await log.whenDurable(109);
  const injected = ioError('EIO');
  fileSystem.failRenamesWith = injected;
  await assert.rejects(log.deleteSegmentsBefore(110), LogFailedError);
  assert.deepEqual(fatalErrors, [injected]);
  await log.close();
});

test('disposal options outside their range are refused when the log opens', (context) => {
  const directory = temporaryDirectory(context);
  for (const options of [
    { segmentDisposalStepBytes: 0 },
    { segmentDisposalStepBytes: 1.5 },
    { segmentDisposalPauseMs: -1 },
  ]) {
    assert.throws(() => Log.open({ directory, segmentBytes, ...options }), /segmentDisposal/);
  }
});
