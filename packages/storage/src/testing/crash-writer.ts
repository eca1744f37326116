/**
 * The child process of the crash tests: appends records of random sizes and types from many
 * concurrent appenders, forever, and journals each record once whenDurable resolved:
 * "offset type epoch payloadBytes payloadCrc32c". The parent kills it with SIGKILL at a moment
 * of its choosing, paced by the "acknowledged <count>" lines on stdout, and checks that every
 * journaled record survived.
 *
 * The journal is a file written with writeSync, not stdout: a write to a full pipe returns with
 * the data still buffered in this process, and SIGKILL would drop the newest acknowledgements,
 * the ones a tail-losing bug would break, leaving them unchecked exactly when the parent is slow.
 *
 *   node crash-writer.js <directory> <seed> <epoch> <segmentBytes> <appenderCount> <preallocate>
 *     <journalPath>
 */
import { openSync, writeSync } from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import { Prng } from '@sluice/core';
import { LogBackPressureError } from '../errors.js';
import { Log } from '../log.js';

const [
  directory,
  seedText,
  epochText,
  segmentBytesText,
  appenderCountText,
  preallocateText,
  journalPath,
] = process.argv.slice(2);
if (directory === undefined || journalPath === undefined) {
  throw new Error(
    'usage: crash-writer <directory> <seed> <epoch> <segmentBytes> <appenderCount> ' +
      '<preallocate> <journalPath>',
  );
}
const prng = new Prng(Number(seedText));
const epoch = Number(epochText);
const log = Log.open({
  directory,
  segmentBytes: Number(segmentBytesText),
  preallocate: preallocateText === 'true',
});

// Acknowledgements of one tick go into the journal in one write, then their count to stdout.
const journal = openSync(journalPath, 'a');
let acknowledgements: string[] = [];
function acknowledge(line: string): void {
  if (acknowledgements.length === 0) process.nextTick(flushAcknowledgements);
  acknowledgements.push(line);
}
function flushAcknowledgements(): void {
  writeSync(journal, acknowledgements.join(''));
  process.stdout.write(`acknowledged ${acknowledgements.length}\n`);
  acknowledgements = [];
}

/** Mostly small records, some large ones, a few empty ones. */
function randomPayload(): Buffer {
  const draw = prng.nextInt(0, 99);
  const bytes = draw < 3 ? 0 : draw < 90 ? prng.nextInt(1, 2048) : prng.nextInt(4096, 96 * 1024);
  const payload = Buffer.allocUnsafe(bytes);
  for (let at = 0; at + 4 <= bytes; at += 4) payload.writeUInt32LE(prng.nextUint32(), at);
  for (let at = bytes - (bytes % 4); at < bytes; at++) payload[at] = prng.nextUint32() & 0xff;
  return payload;
}

async function appender(): Promise<void> {
  for (;;) {
    const payload = randomPayload();
    const type = prng.nextInt(1, 254);
    let offset: number;
    try {
      offset = log.append(type, payload, epoch);
    } catch (error) {
      if (!(error instanceof LogBackPressureError)) throw error;
      await log.whenDurable(log.nextOffset - 1);
      continue;
    }
    await log.whenDurable(offset);
    acknowledge(`${offset} ${type} ${epoch} ${payload.length} ${crc32c(payload)}\n`);
  }
}

process.on('disconnect', () => process.exit(0));
for (let index = 0; index < Number(appenderCountText); index++) void appender();
