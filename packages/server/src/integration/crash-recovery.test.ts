import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { Prng, testSeed } from '@sluice/core';

const serverScript = fileURLToPath(new URL('../testing/server-process.js', import.meta.url));

async function launch(dataDirectory: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [serverScript, dataDirectory], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const { url } = JSON.parse(line) as { url: string };
    return { child, url };
  }
  throw new Error('server process exited before it was ready');
}

function clientFor(url: string): SQSClient {
  return new SQSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

test('every message whose send was acknowledged is received after the server is killed with SIGKILL and restarted', async () => {
  const seed = testSeed(20261121);
  console.log(`crash-recovery seed ${seed}`);
  const prng = new Prng(seed);
  const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-crash-'));
  try {
    const acknowledged = new Set<string>();
    let queueUrlPath = '';
    for (let round = 0; round < 3; round++) {
      const { child, url } = await launch(dataDirectory);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const client = clientFor(url);
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'crash' }));
      queueUrlPath = new URL(QueueUrl as string).pathname;
      const killAfter = prng.nextInt(200, 800);
      let stop = false;
      const producers = Array.from({ length: 8 }, async (_, producer) => {
        for (let sequence = 0; !stop; sequence++) {
          const body = `r${round}-p${producer}-s${sequence}`;
          try {
            if (sequence % 3 === 0) {
              const entries = [0, 1, 2].map((index) => ({
                Id: `e${index}`,
                MessageBody: `${body}-b${index}`,
              }));
              const output = await client.send(
                new SendMessageBatchCommand({ QueueUrl, Entries: entries }),
              );
              for (const entry of output.Successful ?? [])
                acknowledged.add(`${body}-b${entry.Id?.slice(1)}`);
            } else {
              await client.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
              acknowledged.add(body);
            }
          } catch {
            return; // the server died under us: this send was never acknowledged
          }
          if (acknowledged.size >= killAfter * (round + 1)) {
            stop = true;
            child.kill('SIGKILL');
          }
        }
      });
      await Promise.all(producers);
      await exited;
      client.destroy();
    }
    const { child, url } = await launch(dataDirectory);
    const client = clientFor(url);
    const QueueUrl = `${url}${queueUrlPath}`;
    const received = new Set<string>();
    for (;;) {
      const { Messages } = await client.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }),
      );
      if (Messages === undefined || Messages.length === 0) break;
      for (const message of Messages) received.add(message.Body as string);
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: Messages.map((message, index) => ({
            Id: `d${index}`,
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    const lost = [...acknowledged].filter((body) => !received.has(body));
    assert.deepEqual(lost, [], `${lost.length} acknowledged messages were lost`);
    assert.ok(acknowledged.size >= 600, 'the producers ran long enough to matter');
    client.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});
