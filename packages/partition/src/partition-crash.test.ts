import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { ManualClock, Prng, testSeed } from '@sluice/core';
import { Partition } from './partition.js';

const driver = fileURLToPath(new URL('./testing/partition-driver.js', import.meta.url));
const queueIds = [1, 2, 3];

interface Observed {
  readonly sent: Map<string, number>;
  readonly deleteIssued: Set<string>;
  /** What the drivers reported of each message, to tell where a lost one went missing. */
  readonly history: Map<string, string[]>;
}

function remember(observed: Observed, messageId: string, event: string): void {
  const events = observed.history.get(messageId);
  if (events === undefined) observed.history.set(messageId, [event]);
  else events.push(event);
}

/**
 * Runs the driver until it has acknowledged `sendsBeforeKill` sends, then SIGKILLs it, and
 * reads what it did from its journal (stdout only paces the kill: see partition-driver.ts).
 */
async function runAndKill(
  directory: string,
  journal: string,
  seed: number,
  sendsBeforeKill: number,
  observed: Observed,
): Promise<void> {
  const child = spawn(process.execPath, [driver, directory, String(seed), '400', journal], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  let sends = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    sends += Number(line.split(' ')[1]);
    if (sends >= sendsBeforeKill) child.kill('SIGKILL');
  }
  // Anything else is the driver failing (its error is on stderr), not a crash it survived.
  assert.equal(await exited, 'SIGKILL', 'the driver ran until it was killed');
  // A line without its newline was cut by the kill; its delete had not been issued.
  const lines = readFileSync(journal, 'utf8').split('\n').slice(0, -1);
  for (const line of lines) {
    const [kind, queueText, messageId, receiveCount] = line.split(' ') as [
      string,
      string,
      string,
      string | undefined,
    ];
    if (kind === 'sent') observed.sent.set(messageId, Number(queueText));
    else if (kind === 'delete') observed.deleteIssued.add(messageId);
    const count = receiveCount === undefined ? '' : ` (receive ${receiveCount})`;
    remember(observed, messageId, `seed ${seed}: ${kind} in queue ${queueText}${count}`);
  }
}

interface Reopened {
  readonly digest: string;
  readonly messageIds: Set<string>;
  /** Each queue that still held messages once receives found none, with its counters. */
  readonly leftovers: string[];
}

/**
 * Opens a copy of the partition far enough in the future that every message is visible again,
 * and drains every queue.
 */
async function reopen(directory: string): Promise<Reopened> {
  const partition = await Partition.open({
    directory,
    clock: new ManualClock(Date.now() + 60 * 60 * 1000),
    deadLetterTargetOf: (queueId) => (queueId === 1 ? 3 : undefined),
  });
  const digest = partition.digest();
  const messageIds = new Set<string>();
  const leftovers: string[] = [];
  for (const queueId of queueIds) {
    for (;;) {
      const { messages } = await partition.receive(queueId, {
        countMax: 10,
        visibilityTimeoutMs: 3_600_000,
      });
      if (messages.length === 0 && partition.counters(queueId).visible === 0) break;
      for (const message of messages) {
        messageIds.add(message.messageId);
        // FIFO groups stay blocked while a message is in flight; deleting keeps the drain going.
        await partition.deleteMessage(queueId, message.receiptHandle);
      }
    }
    const counters = partition.counters(queueId);
    if (counters.bytes > 0) leftovers.push(`queue ${queueId}: ${JSON.stringify(counters)}`);
  }
  await partition.close();
  return { digest, messageIds, leftovers };
}

test('after SIGKILL at random moments, replay from the whole log and from snapshot plus tail give the same state, and no acknowledged send is lost', async () => {
  const seed = testSeed(7_2026);
  console.log(`partition-crash seed ${seed}`);
  const prng = new Prng(seed);
  const root = mkdtempSync(join(tmpdir(), 'sluice-partition-crash-'));
  try {
    const live = join(root, 'live');
    const observed: Observed = { sent: new Map(), deleteIssued: new Set(), history: new Map() };
    for (let round = 0; round < 3; round++) {
      const sendsBeforeKill = prng.nextInt(300, 1500) * (round + 1);
      const journal = join(root, `journal-${round}`);
      await runAndKill(live, journal, seed + round, sendsBeforeKill, observed);
    }
    assert.ok(
      existsSync(join(live, 'snapshots')) && readdirSync(join(live, 'snapshots')).length > 0,
      'snapshots were taken',
    );
    const fromSnapshot = join(root, 'from-snapshot');
    const fromLog = join(root, 'from-log');
    cpSync(live, fromSnapshot, { recursive: true });
    cpSync(live, fromLog, { recursive: true });
    rmSync(join(fromLog, 'snapshots'), { recursive: true, force: true });
    const replayedFromSnapshot = await reopen(fromSnapshot);
    const replayedFromLog = await reopen(fromLog);
    assert.equal(
      replayedFromSnapshot.digest,
      replayedFromLog.digest,
      'snapshot + tail == full replay',
    );
    assert.deepEqual(
      [...replayedFromSnapshot.messageIds].sort(),
      [...replayedFromLog.messageIds].sort(),
    );
    // A message still held but out of every receive's reach would otherwise read as lost.
    assert.deepEqual(replayedFromLog.leftovers, [], 'receives drained every queue');
    // Each lost message with what the drivers reported of it, to tell where it went missing.
    const lost = [...observed.sent.keys()]
      .filter(
        (messageId) =>
          !replayedFromLog.messageIds.has(messageId) && !observed.deleteIssued.has(messageId),
      )
      .map((messageId) => `${messageId}: ${observed.history.get(messageId)?.join('; ')}`);
    assert.deepEqual(lost, [], 'every acknowledged send that was never deleted is still there');
    assert.ok(observed.sent.size > 500, 'the driver ran long enough to matter');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
