/**
 * The child process of the partition crash test: drives a partition with a random mix of
 * commands on a standard queue, a FIFO queue and a dead-letter queue (with redrives back from
 * it), forever. It records in a journal file every send once it was acknowledged ("sent
 * <queueId> <messageId>"), every message received ("received <queueId> <messageId>
 * <receiveCount>") and every delete before it is issued ("delete <queueId> <messageId>"), and
 * prints "acknowledged <count>" on stdout after each send, by which the parent picks its moment
 * to SIGKILL it.
 *
 * The journal, not stdout, is the record: a write to a pipe that is full returns with the
 * data still buffered in this process, so SIGKILL can lose lines the log outlived (a delete
 * that landed, its line lost: the test once read that as a lost send). A write to a file is
 * in the page cache when writeSync returns, and SIGKILL cannot take it back.
 *
 *   node partition-driver.js <directory> <seed> <snapshotIntervalRecords> <journalPath>
 */
import { openSync, writeSync } from 'node:fs';
import { Prng, systemClock } from '@sluice/core';
import { defaultQueueConfig } from '@sluice/queue';
import { Partition } from '../partition.js';

const [directory, seedText, intervalText, journalPath] = process.argv.slice(2);
if (directory === undefined || journalPath === undefined) {
  throw new Error(
    'usage: partition-driver <directory> <seed> <snapshotIntervalRecords> <journalPath>',
  );
}
const prng = new Prng(Number(seedText));
const standard = 1;
const fifo = 2;
const deadLetters = 3;
const partition = await Partition.open({
  directory,
  clock: systemClock,
  snapshotIntervalRecords: Number(intervalText),
  deadLetterTargetOf: (queueId) => (queueId === standard ? deadLetters : undefined),
});
await partition.configureQueue(deadLetters, { ...defaultQueueConfig, visibilityTimeoutMs: 5 });
await partition.configureQueue(standard, {
  ...defaultQueueConfig,
  visibilityTimeoutMs: 5,
  maxReceiveCount: 3,
});
await partition.configureQueue(fifo, { ...defaultQueueConfig, fifo: true, visibilityTimeoutMs: 5 });

const journal = openSync(journalPath, 'a');

/** Journals a line with the others of this tick: for what has already happened. */
let lines: string[] = [];
function record(line: string): void {
  if (lines.length === 0) process.nextTick(flushJournal);
  lines.push(line);
}
function flushJournal(): void {
  if (lines.length > 0) writeSync(journal, lines.join(''));
  lines = [];
}

/** Journals a line now: for what is about to happen, which must not outlive its line. */
function recordBeforeActing(line: string): void {
  flushJournal();
  writeSync(journal, line);
}

let sequence = 0;
async function worker(): Promise<void> {
  for (;;) {
    const queueId = prng.pick([standard, standard, fifo, deadLetters]);
    const draw = prng.nextInt(0, 9);
    if (draw < 5) {
      const count = prng.nextInt(1, 10);
      const requests = Array.from({ length: count }, () => {
        sequence += 1;
        const messageId = `m-${seedText}-${sequence}`;
        return {
          messageId,
          payload: prng.bytes(prng.nextInt(0, 2048)),
          bodyBytes: 100,
          ...(queueId === fifo
            ? { groupId: `g${prng.nextInt(0, 3)}`, deduplicationId: messageId }
            : {}),
        };
      });
      const results = await partition.send(queueId, requests);
      const sent = results.filter((result) => result.kind === 'sent');
      for (const result of sent) record(`sent ${queueId} ${result.messageId}\n`);
      process.nextTick(() => process.stdout.write(`acknowledged ${sent.length}\n`));
    } else if (draw === 5 && queueId === deadLetters) {
      // Redrive: dead letters go back to the standard queue with their receive counts reset,
      // and may die again; messages sent to the dead-letter queue itself stay.
      const targetOf = (originQueueId: number): number | undefined =>
        originQueueId === standard ? standard : undefined;
      await partition.moveMessages(deadLetters, prng.nextInt(1, 10), targetOf);
    } else {
      const { messages } = await partition.receive(queueId, { countMax: prng.nextInt(1, 10) });
      // Half the receives delete what they keep one by one, half as one DeleteMessageBatch.
      const batched = prng.nextInt(0, 1) === 0;
      const batch: string[] = [];
      for (const message of messages) {
        record(`received ${queueId} ${message.messageId} ${message.receiveCount}\n`);
        const choice = prng.nextInt(0, 3);
        if (choice < 2) {
          recordBeforeActing(`delete ${queueId} ${message.messageId}\n`);
          if (batched) batch.push(message.receiptHandle);
          else await partition.deleteMessage(queueId, message.receiptHandle);
        } else if (choice === 2) {
          await partition.changeVisibility(queueId, message.receiptHandle, 0);
        }
      }
      if (batch.length > 0) await partition.deleteMessages(queueId, batch);
    }
  }
}
await Promise.all(Array.from({ length: 8 }, () => worker()));
