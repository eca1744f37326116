import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { startTestServer } from '../testing/test-server.js';

function* filesUnder(directory: string): Generator<string> {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

test('with a master key no message body or attribute value appears anywhere under the data directory, and a wrong or missing key fails loudly', async () => {
  const keys = mkdtempSync(join(tmpdir(), 'sluice-keys-'));
  const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-sealed-'));
  try {
    const masterKeyFile = join(keys, 'master.key');
    writeFileSync(masterKeyFile, randomBytes(32).toString('hex'));
    const wrongKeyFile = join(keys, 'wrong.key');
    writeFileSync(wrongKeyFile, randomBytes(32).toString('hex'));
    const bodyMarker = 'PLAINTEXT-BODY-7f3a9c';
    const attributeMarker = 'PLAINTEXT-ATTRIBUTE-b21e44';

    const first = await startTestServer({ dataDirectory, config: { masterKeyFile } });
    const { QueueUrl } = await first.client.send(
      new CreateQueueCommand({
        QueueName: 'sealed',
        Attributes: { KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '300' },
      }),
    );
    const { Attributes } = await first.client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds'],
      }),
    );
    assert.deepEqual(Attributes, {
      KmsMasterKeyId: 'alias/aws/sqs',
      KmsDataKeyReusePeriodSeconds: '300',
    });
    await first.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: `${bodyMarker} one`,
        MessageAttributes: { note: { DataType: 'String', StringValue: attributeMarker } },
      }),
    );
    await first.client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [{ Id: 'a', MessageBody: `${bodyMarker} two` }],
      }),
    );
    await first.stop();

    for (const file of filesUnder(dataDirectory)) {
      const bytes = readFileSync(file);
      assert.equal(bytes.includes(bodyMarker), false, `${file} holds a message body in plain text`);
      assert.equal(
        bytes.includes(attributeMarker),
        false,
        `${file} holds an attribute value in plain text`,
      );
    }

    const url = (server: { url: string }): string =>
      `${server.url}${new URL(QueueUrl as string).pathname}`;
    const reopened = await startTestServer({ dataDirectory, config: { masterKeyFile } });
    const { Messages } = await reopened.client.send(
      new ReceiveMessageCommand({
        QueueUrl: url(reopened.server),
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    assert.deepEqual(Messages?.map((message) => message.Body).sort(), [
      `${bodyMarker} one`,
      `${bodyMarker} two`,
    ]);
    assert.equal(
      Messages?.find((message) => message.Body === `${bodyMarker} one`)?.MessageAttributes?.['note']
        ?.StringValue,
      attributeMarker,
    );
    await reopened.stop();

    await assert.rejects(
      startTestServer({ dataDirectory, config: { masterKeyFile: wrongKeyFile } }),
      (error: Error & { code?: string }) =>
        error.code === 'EncryptionKey' && /does not match/.test(error.message),
    );
    await assert.rejects(
      startTestServer({ dataDirectory }),
      (error: Error & { code?: string }) =>
        error.code === 'EncryptionKey' && /master-key-file/.test(error.message),
    );
  } finally {
    rmSync(keys, { recursive: true, force: true });
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});
