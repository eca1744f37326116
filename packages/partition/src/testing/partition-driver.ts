/**
 * The child process of the partition crash test: drives a partition with a random mix of
 * commands on a standard queue, a FIFO queue and a dead-letter queue, forever, and reports on
 * stdout every send once it was acknowledged ("sent <queueId> <messageId>"), every message
 * received ("received <queueId> <messageId> <receiveCount>") and every delete it issued
 * ("delete <queueId> <messageId>"). The parent kills it with SIGKILL.
 *
 *   node partition-driver.js <directory> <seed> <snapshotIntervalRecords>
 */
import { Prng, systemClock } from '@sluice/core';
import { defaultQueueConfig } from '@sluice/queue';
import { Partition } from '../partition.js';

const [directory, seedText, intervalText] = process.argv.slice(2);
if (directory === undefined || intervalText === undefined) {
  throw new Error('usage: partition-driver <directory> <seed> <snapshotIntervalRecords>');
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

let lines: string[] = [];
function report(line: string): void {
  if (lines.length === 0)
    process.nextTick(() => {
      process.stdout.write(lines.join(''));
      lines = [];
    });
  lines.push(line);
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
      results.forEach((result) => {
        if (result.kind === 'sent') report(`sent ${queueId} ${result.messageId}\n`);
      });
    } else {
      const { messages } = await partition.receive(queueId, { countMax: prng.nextInt(1, 10) });
      for (const message of messages) {
        report(`received ${queueId} ${message.messageId} ${message.receiveCount}\n`);
        const choice = prng.nextInt(0, 3);
        if (choice < 2) {
          report(`delete ${queueId} ${message.messageId}\n`);
          await partition.deleteMessage(queueId, message.receiptHandle);
        } else if (choice === 2) {
          await partition.changeVisibility(queueId, message.receiptHandle, 0);
        }
      }
    }
  }
}
await Promise.all(Array.from({ length: 8 }, () => worker()));
