import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AddPermissionCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { systemClock } from '@sluice/core';
import { defaultServerConfig, ConfigError, type ServerConfig } from '../config.js';
import { startServer, type RunningServer } from '../sluice-server.js';
import { silentLogger } from '../server-logger.js';
import { presignWithSdk, signWithSdk, type TestKey } from '../auth/sigv4-test-signer.js';

const run = promisify(execFile);

const alice: TestKey = {
  accessKeyId: 'AKIDALICE',
  secretAccessKey: 'alice-secret-0123456789abcdefXYZ',
};
const bob: TestKey = {
  accessKeyId: 'AKIDBOB',
  secretAccessKey: 'bob-secret-0123456789abcdefXYZ00',
};
const operator: TestKey = {
  accessKeyId: 'AKIDADMIN',
  secretAccessKey: 'admin-secret-0123456789abcdefXY',
};
const aliceAccount = '000000000001';
const bobAccount = '000000000002';
const credentialsDocument = {
  accounts: [
    { id: aliceAccount, admin: false, keys: [alice] },
    { id: bobAccount, admin: false, keys: [bob] },
    { id: '000000000003', admin: true, keys: [operator] },
  ],
};

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'succeeded';
  } catch (error) {
    return (error as { name: string }).name;
  }
}

describe('authentication and authorization over real HTTP', () => {
  let directory: string;
  let server: RunningServer;
  const clients: SQSClient[] = [];
  const clientFor = (key: TestKey, extra: { systemClockOffset?: number } = {}): SQSClient => {
    const client = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: key,
      maxAttempts: 1,
      ...extra,
    });
    clients.push(client);
    return client;
  };

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sluice-auth-'));
    const credentialsFile = join(directory, 'credentials.json');
    writeFileSync(credentialsFile, JSON.stringify(credentialsDocument));
    server = await startServer(
      {
        ...defaultServerConfig,
        port: 0,
        dataDirectory: join(directory, 'data'),
        shutdownGraceMs: 1000,
        credentialsFile,
      },
      { logger: silentLogger },
    );
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  test('the AWS SDK signed with a known key creates, sends and receives in its own account', async () => {
    const client = clientFor(alice);
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'sdk-orders' }));
    assert.match(QueueUrl ?? '', new RegExp(`/${aliceAccount}/sdk-orders$`));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'signed hello' }));
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    assert.equal(received.Messages?.[0]?.Body, 'signed hello');
  });

  test("Debian's aws CLI 2.9 (Query protocol) signed with the right keys runs a session", async () => {
    const aws = (...args: string[]): Promise<{ stdout: string }> =>
      run('/usr/bin/aws', ['--endpoint-url', server.url, '--output', 'json', 'sqs', ...args], {
        env: {
          PATH: '/usr/bin:/bin',
          AWS_ACCESS_KEY_ID: alice.accessKeyId,
          AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      });
    const created = JSON.parse(
      (await aws('create-queue', '--queue-name', 'cli-orders')).stdout,
    ) as {
      QueueUrl: string;
    };
    assert.match(created.QueueUrl, new RegExp(`/${aliceAccount}/cli-orders$`));
    await aws('send-message', '--queue-url', created.QueueUrl, '--message-body', 'from the cli');
    const received = JSON.parse(
      (await aws('receive-message', '--queue-url', created.QueueUrl, '--wait-time-seconds', '1'))
        .stdout,
    ) as { Messages: { Body: string }[] };
    assert.equal(received.Messages[0]?.Body, 'from the cli');
    await assert.rejects(
      run('/usr/bin/aws', ['--endpoint-url', server.url, 'sqs', 'list-queues'], {
        env: {
          PATH: '/usr/bin:/bin',
          AWS_ACCESS_KEY_ID: alice.accessKeyId,
          AWS_SECRET_ACCESS_KEY: 'not-the-secret-0123456789abcdef',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      }),
      (error: Error & { stderr: string }) => error.stderr.includes('SignatureDoesNotMatch'),
    );
  });

  test('a presigned Query GET URL sends a message; the same URL with a changed body text is refused', async () => {
    const client = clientFor(alice);
    await client.send(new CreateQueueCommand({ QueueName: 'presigned' }));
    const url = new URL(server.url);
    const presigned = await presignWithSdk(
      {
        method: 'GET',
        path: `/${aliceAccount}/presigned`,
        query: {
          Action: 'SendMessage',
          MessageBody: 'via a presigned URL: a+b/c é',
          Version: '2012-11-05',
        },
        headers: { host: url.host },
      },
      alice,
      { signingDate: new Date(systemClock.nowMs()), expiresInSeconds: 300 },
    );
    const target = `${server.url}${presigned.path}?${presigned.query}`;
    const sent = await fetch(target);
    assert.equal(sent.status, 200, await sent.clone().text());
    const tampered = await fetch(target.replace('MessageBody=via', 'MessageBody=VIA'));
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const QueueUrl = `${server.url}/${aliceAccount}/presigned`;
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    assert.equal(received.Messages?.[0]?.Body, 'via a presigned URL: a+b/c é');
  });

  test('an unsigned request is MissingAuthenticationToken on both wire protocols', async () => {
    const query = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    assert.equal(query.status, 403);
    assert.match(await query.text(), /<Code>MissingAuthenticationToken<\/Code>/);
    const json = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ListQueues',
      },
      body: '{}',
    });
    assert.equal(json.status, 403);
    assert.equal(json.headers.get('x-amzn-query-error'), 'MissingAuthenticationToken;Sender');
  });

  test('a wrong secret, an unknown key and a request replayed too late each fail with their own error', async () => {
    const list = new ListQueuesCommand({});
    const wrongSecret = { ...alice, secretAccessKey: 'wrong-secret-0123456789abcdefXYZ' };
    assert.equal(await errorCode(clientFor(wrongSecret).send(list)), 'SignatureDoesNotMatch');
    const unknown = { accessKeyId: 'AKIDNOBODY', secretAccessKey: alice.secretAccessKey };
    assert.equal(await errorCode(clientFor(unknown).send(list)), 'InvalidClientTokenId');
    const sixteenMinutesMs = 16 * 60 * 1000;
    const late = clientFor(alice, { systemClockOffset: -sixteenMinutesMs });
    assert.equal(await errorCode(late.send(list)), 'RequestExpired');
  });

  test('a captured signed request replayed after the 15-minute window is RequestExpired', async () => {
    const url = new URL(server.url);
    const body = 'Action=ListQueues&Version=2012-11-05';
    const signed = await signWithSdk(
      {
        method: 'POST',
        path: '/',
        headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      },
      alice,
      { signingDate: new Date(systemClock.nowMs() - 16 * 60 * 1000) },
    );
    const response = await fetch(server.url, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body,
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<Code>RequestExpired<\/Code>/);
  });

  test('accounts have separate namespaces and another account is denied without a policy', async () => {
    const aliceClient = clientFor(alice);
    const bobClient = clientFor(bob);
    const { QueueUrl: aliceUrl } = await aliceClient.send(
      new CreateQueueCommand({ QueueName: 'shared-name' }),
    );
    const { QueueUrl: bobUrl } = await bobClient.send(
      new CreateQueueCommand({ QueueName: 'shared-name' }),
    );
    assert.notEqual(aliceUrl, bobUrl);
    assert.match(bobUrl ?? '', new RegExp(`/${bobAccount}/shared-name$`));
    const bobQueues = await bobClient.send(new ListQueuesCommand({}));
    assert.deepEqual(bobQueues.QueueUrls, [bobUrl]);
    const sendToAlice = new SendMessageCommand({ QueueUrl: aliceUrl, MessageBody: 'intruder' });
    assert.equal(await errorCode(bobClient.send(sendToAlice)), 'AccessDenied');
    const lookup = new GetQueueUrlCommand({
      QueueName: 'shared-name',
      QueueOwnerAWSAccountId: aliceAccount,
    });
    assert.equal(await errorCode(bobClient.send(lookup)), 'AccessDenied');
  });

  test('a policy granting another account SendMessage lets it send and nothing else', async () => {
    const aliceClient = clientFor(alice);
    const bobClient = clientFor(bob);
    const { QueueUrl } = await aliceClient.send(new CreateQueueCommand({ QueueName: 'granted' }));
    await aliceClient.send(
      new AddPermissionCommand({
        QueueUrl,
        Label: 'bob-sends',
        AWSAccountIds: [bobAccount],
        Actions: ['SendMessage'],
      }),
    );
    await bobClient.send(new SendMessageCommand({ QueueUrl, MessageBody: 'from bob' }));
    const denied = [
      bobClient.send(new ReceiveMessageCommand({ QueueUrl })),
      bobClient.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })),
      bobClient.send(
        new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '1' } }),
      ),
      bobClient.send(
        new AddPermissionCommand({
          QueueUrl,
          Label: 'bob-more',
          AWSAccountIds: [bobAccount],
          Actions: ['ReceiveMessage'],
        }),
      ),
    ];
    for (const attempt of denied) assert.equal(await errorCode(attempt), 'AccessDenied');
    const received = await aliceClient.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }),
    );
    assert.equal(received.Messages?.[0]?.Body, 'from bob');
  });

  test("no account can push messages into another's queue through a dead-letter target or a move task", async () => {
    const aliceClient = clientFor(alice);
    const bobClient = clientFor(bob);
    await aliceClient.send(new CreateQueueCommand({ QueueName: 'alice-private' }));
    const aliceArn = `arn:aws:sqs:us-east-1:${aliceAccount}:alice-private`;
    const redriveToAlice = JSON.stringify({ deadLetterTargetArn: aliceArn, maxReceiveCount: 1 });
    const sneaky = new CreateQueueCommand({
      QueueName: 'bob-source',
      Attributes: { RedrivePolicy: redriveToAlice },
    });
    assert.equal(await errorCode(bobClient.send(sneaky)), 'InvalidParameterValue');
    await bobClient.send(new CreateQueueCommand({ QueueName: 'bob-dlq' }));
    const bobDlqArn = `arn:aws:sqs:us-east-1:${bobAccount}:bob-dlq`;
    await bobClient.send(
      new CreateQueueCommand({
        QueueName: 'bob-main',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: bobDlqArn, maxReceiveCount: 1 }),
        },
      }),
    );
    const move = new StartMessageMoveTaskCommand({
      SourceArn: bobDlqArn,
      DestinationArn: aliceArn,
    });
    assert.equal(await errorCode(bobClient.send(move)), 'AccessDenied');
  });

  test("an explicit Deny in the queue's policy stops even the owner", async () => {
    const client = clientFor(alice);
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'deny-receive' }));
    const arn = `arn:aws:sqs:us-east-1:${aliceAccount}:deny-receive`;
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: arn }],
    });
    await client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy } }));
    assert.equal(
      await errorCode(client.send(new ReceiveMessageCommand({ QueueUrl }))),
      'AccessDenied',
    );
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'still allowed' }));
  });

  test('DeleteQueue and PurgeQueue need an admin key, which may use them on any account', async () => {
    const aliceClient = clientFor(alice);
    const { QueueUrl } = await aliceClient.send(new CreateQueueCommand({ QueueName: 'to-delete' }));
    assert.equal(
      await errorCode(aliceClient.send(new DeleteQueueCommand({ QueueUrl }))),
      'AccessDenied',
    );
    assert.equal(
      await errorCode(aliceClient.send(new PurgeQueueCommand({ QueueUrl }))),
      'AccessDenied',
    );
    const admin = clientFor(operator);
    await admin.send(new PurgeQueueCommand({ QueueUrl }));
    await admin.send(new DeleteQueueCommand({ QueueUrl }));
    const gone = aliceClient.send(new GetQueueUrlCommand({ QueueName: 'to-delete' }));
    assert.equal(await errorCode(gone), 'QueueDoesNotExist');
  });

  test('the admin API needs a SigV4 signature from an admin key', async () => {
    const url = new URL(server.url);
    const signedGet = async (key: TestKey): Promise<Response> => {
      const signed = await signWithSdk(
        { method: 'GET', path: '/admin/v1/status', headers: { host: url.host } },
        key,
        { signingDate: new Date(systemClock.nowMs()) },
      );
      return fetch(`${server.url}/admin/v1/status`, {
        headers: signed.headers as Record<string, string>,
      });
    };
    const unsigned = await fetch(`${server.url}/admin/v1/status`);
    assert.equal(unsigned.status, 403);
    assert.equal(
      ((await unsigned.json()) as { error: string }).error,
      'MissingAuthenticationToken',
    );
    const notAdmin = await signedGet(alice);
    assert.equal(notAdmin.status, 403);
    assert.equal(((await notAdmin.json()) as { error: string }).error, 'AccessDenied');
    const admin = await signedGet(operator);
    assert.equal(admin.status, 200);
  });
});

describe('starting with or without credentials', () => {
  const config = (directory: string, changes: Partial<ServerConfig>): ServerConfig => ({
    ...defaultServerConfig,
    port: 0,
    dataDirectory: join(directory, 'data'),
    shutdownGraceMs: 1000,
    ...changes,
  });

  test('without credentials the server refuses a non-loopback address, and starts there with insecure', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-auth-'));
    try {
      await assert.rejects(
        startServer(config(directory, { host: '0.0.0.0' }), { logger: silentLogger }),
        ConfigError,
      );
      const server = await startServer(config(directory, { host: '0.0.0.0', insecure: true }), {
        logger: silentLogger,
      });
      await server.stop();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('a malformed credentials file stops the start with a ConfigError naming the field', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-auth-'));
    try {
      const credentialsFile = join(directory, 'credentials.json');
      writeFileSync(
        credentialsFile,
        JSON.stringify({ accounts: [{ id: '1', admin: false, keys: [] }] }),
      );
      await assert.rejects(
        startServer(config(directory, { credentialsFile }), { logger: silentLogger }),
        (error: Error) => error instanceof ConfigError && /accounts\[0\]\.id/.test(error.message),
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
