import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../testing/test-server.js';

const run = promisify(execFile);
const fixtures = fileURLToPath(new URL('../../test-fixtures/', import.meta.url));
// Debian's clients, not whatever newer copies are on PATH: these speak the Query protocol.
const debianPython = '/usr/bin/python3';
const debianAws = '/usr/bin/aws';
const credentials = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

describe('older real clients over the Query protocol (Debian python3-boto3 and awscli)', () => {
  let harness: TestServer;
  before(async () => {
    assert.ok(
      existsSync(debianPython) && existsSync(debianAws),
      'run scripts/install-system-deps.sh first',
    );
    harness = await startTestServer();
  });
  after(async () => harness.close());

  test('boto3 1.26 (Query protocol) runs a whole session: queues, messages with attributes, batches, FIFO dedup and errors', async () => {
    const { stdout } = await run(
      debianPython,
      [`${fixtures}boto3-session.py`, harness.server.url],
      {
        env: { ...credentials, PATH: '/usr/bin:/bin' },
      },
    );
    const observed = JSON.parse(stdout) as Record<string, unknown>;
    assert.match(
      String(observed['botocore']),
      /^1\.29\./,
      'Debian botocore, which predates the JSON protocol',
    );
    assert.equal(observed['queueUrl'], `${harness.server.url}/000000000000/boto-standard`);
    assert.equal(observed['getQueueUrl'], observed['queueUrl']);
    assert.deepEqual(observed['listQueues'], [observed['queueUrl']]);
    assert.equal(observed['receivedBody'], 'body with <xml> & "quotes" \r\n and \u00e9');
    assert.deepEqual(observed['receivedAttributes'], { s: 'text', n: '42', b: '0001ff' });
    assert.equal(observed['receiveCount'], '1');
    assert.equal(observed['receivedCount'], 3);
    assert.deepEqual(observed['batchSuccessful'], ['one', 'two']);
    assert.equal(observed['batchDeleted'], 2);
    assert.deepEqual(observed['attributes'], {
      VisibilityTimeout: '45',
      DelaySeconds: '3',
      ApproximateNumberOfMessages: '0',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:boto-standard',
    });
    assert.deepEqual(observed['tags'], { team: 'core' });
    assert.equal(observed['fifoDuplicateSameId'], true);
    assert.match(String(observed['fifoSequenceNumber']), /^\d{20}$/);
    assert.equal(observed['missingQueueError'], 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(observed['missingQueueStatus'], 400);
    assert.equal(observed['forgedReceiptError'], 'ReceiptHandleIsInvalid');
    assert.deepEqual(observed['afterDelete'], [observed['queueUrl']]);
  });

  test('the aws CLI 2.9 creates a queue, sends, receives and deletes a message', async () => {
    const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
      const { stdout } = await run(
        debianAws,
        ['--endpoint-url', harness.server.url, '--output', 'json', 'sqs', ...args],
        {
          env: { ...credentials, PATH: '/usr/bin:/bin' },
        },
      );
      return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
    };
    const { QueueUrl } = (await aws('create-queue', '--queue-name', 'cli-queue')) as {
      QueueUrl: string;
    };
    assert.equal(QueueUrl, `${harness.server.url}/000000000000/cli-queue`);
    const sent = (await aws(
      'send-message',
      '--queue-url',
      QueueUrl,
      '--message-body',
      'from the cli',
    )) as {
      MessageId: string;
    };
    const received = (await aws('receive-message', '--queue-url', QueueUrl)) as {
      Messages: { MessageId: string; Body: string; ReceiptHandle: string }[];
    };
    assert.equal(received.Messages[0]?.MessageId, sent.MessageId);
    assert.equal(received.Messages[0]?.Body, 'from the cli');
    await aws(
      'delete-message',
      '--queue-url',
      QueueUrl,
      '--receipt-handle',
      received.Messages[0]?.ReceiptHandle ?? '',
    );
    const attributes = (await aws(
      'get-queue-attributes',
      '--queue-url',
      QueueUrl,
      '--attribute-names',
      'All',
    )) as {
      Attributes: Record<string, string>;
    };
    assert.equal(attributes.Attributes['ApproximateNumberOfMessages'], '0');
    assert.equal(attributes.Attributes['ApproximateNumberOfMessagesNotVisible'], '0');
  });
});
