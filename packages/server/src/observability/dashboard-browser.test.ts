import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SQSClient,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, waitFor, type TestServer } from '../testing/test-server.js';
import { defaultDashboardDirectory } from './dashboard-files.js';

// Real Chromium (Debian `chromium`, installed by scripts/install-system-deps.sh) drives the
// dashboard served by a real server; the SDK makes the changes the pages must show.
const chromiumPath = '/usr/bin/chromium';
const artifacts = fileURLToPath(new URL('../../../../test-artifacts/dashboard/', import.meta.url));
const account = '000000000000';

let server: TestServer;
let browser: BrowserContext;
let page: Page;
let profile: string;
let signedServer: TestServer;
let credentialsDirectory: string;
const adminKey = {
  accessKeyId: 'AKIADASHBOARDADMIN01',
  secretAccessKey: 'dashboard-admin-secret-0123456789',
  accountId: '000000000001',
};

async function startSignedServer(): Promise<TestServer> {
  credentialsDirectory = mkdtempSync(join(tmpdir(), 'sluice-credentials-'));
  const credentialsFile = join(credentialsDirectory, 'credentials.json');
  const { accessKeyId, secretAccessKey, accountId } = adminKey;
  const accounts = [{ id: accountId, admin: true, keys: [{ accessKeyId, secretAccessKey }] }];
  writeFileSync(credentialsFile, JSON.stringify({ accounts }));
  return startTestServer({ historySampleIntervalMs: 200, config: { credentialsFile } });
}

before(async () => {
  assert.ok(
    existsSync(chromiumPath),
    `${chromiumPath} missing: run scripts/install-system-deps.sh`,
  );
  assert.ok(
    existsSync(join(defaultDashboardDirectory, 'index.html')),
    'the dashboard is not built: run `npm run build` at the repository root',
  );
  mkdirSync(artifacts, { recursive: true });
  server = await startTestServer({ historySampleIntervalMs: 200 });
  signedServer = await startSignedServer();
  profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('dialog', (dialog) => void dialog.accept());
});

after(async () => {
  await browser?.close();
  await server?.close();
  await signedServer?.close();
  if (credentialsDirectory !== undefined)
    rmSync(credentialsDirectory, { recursive: true, force: true });
  if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function visibleCount(queueUrl: string): Promise<number> {
  const { Attributes } = await server.client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
}

function cell(queue: string, field: string) {
  return page.locator(`tr[data-queue="${queue}"] td[data-field="${field}"]`);
}

test('the dashboard lists SDK-created queues, follows their depth, charts a queue, peeks without consuming and redrives a DLQ', async () => {
  const { client } = server;
  await page.goto(`${server.server.url}/dashboard/`);
  await page.getByText('No queues yet').waitFor();
  await screenshot('01-overview-empty');

  const dlq = await client.send(new CreateQueueCommand({ QueueName: 'payments-dlq' }));
  const source = await client.send(
    new CreateQueueCommand({
      QueueName: 'payments',
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: `arn:aws:sqs:us-east-1:${account}:payments-dlq`,
          maxReceiveCount: 1,
        }),
      },
    }),
  );
  const sourceUrl = source.QueueUrl as string;
  const dlqUrl = dlq.QueueUrl as string;
  await cell('payments', 'visible').waitFor();
  assert.equal(await cell('payments', 'visible').textContent(), '0');

  for (let index = 0; index < 3; index++) {
    const body = JSON.stringify({ payment: index, amountCents: 1250 * (index + 1) });
    await client.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: body }));
  }
  await waitFor(async () => (await cell('payments', 'visible').textContent()) === '3', {
    timeoutMs: 10_000,
  });
  await screenshot('02-overview-after-sends');

  // The queue page draws its three charts once the server has recorded a few samples.
  await page.click('a.queue-name:text-is("payments")');
  await page.locator('[data-testid="queue-visible"]').waitFor();
  await waitFor(async () => (await page.locator('.chart canvas').count()) === 3, {
    timeoutMs: 10_000,
  });
  await waitFor(async () => (await page.locator('.chart-waiting').count()) === 0, {
    timeoutMs: 10_000,
  });

  // Peek shows the messages and leaves them visible (nothing received).
  await page.click('button[data-action="peek"]');
  await page.locator('[data-testid="peek-results"] tbody tr').nth(2).waitFor();
  assert.match(
    (await page.locator('[data-testid="peek-results"]').textContent()) ?? '',
    /"payment":0/,
  );
  assert.equal(await visibleCount(sourceUrl), 3);
  await screenshot('03-queue-page');

  // Receive everything twice with no visibility timeout: maxReceiveCount 1 dead-letters all three.
  await client.send(
    new ReceiveMessageCommand({
      QueueUrl: sourceUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
    }),
  );
  await client.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, MaxNumberOfMessages: 10 }));
  assert.equal(await visibleCount(dlqUrl), 3);
  assert.equal(await visibleCount(sourceUrl), 0);

  await page.goto(`${server.server.url}/dashboard/#/queues/${account}/payments-dlq`);
  await page.locator('[data-testid="redrive-panel"]').waitFor();
  await waitFor(
    async () => (await page.locator('[data-testid="queue-visible"]').textContent()) === '3',
  );
  await page.click('button[data-action="redrive"]');
  await waitFor(async () => (await visibleCount(sourceUrl)) === 3, { timeoutMs: 15_000 });
  assert.equal(await visibleCount(dlqUrl), 0);
  await waitFor(
    async () =>
      (await page.locator('td[data-field="task-status"]').first().textContent()) === 'COMPLETED',
    { timeoutMs: 10_000 },
  );
  await screenshot('04-dlq-after-redrive');

  // Send a test message from the page.
  await page.goto(`${server.server.url}/dashboard/#/queues/${account}/payments`);
  await page.locator('button[data-action="send"]').click();
  await page.getByText(/^Sent message /).waitFor();
  assert.equal(await visibleCount(sourceUrl), 4);

  await page.goto(`${server.server.url}/dashboard/#/server`);
  await page.locator('[data-testid="cluster-placeholder"]').waitFor();
  await screenshot('05-server-page');
  await page.goto(`${server.server.url}/dashboard/`);
  await waitFor(async () => (await cell('payments', 'visible').textContent()) === '4');
  await screenshot('06-overview-final');
});

test('with credentials configured, the dashboard asks for an admin key, keeps it in sessionStorage only and signs its admin and SQS calls', async () => {
  const client = new SQSClient({
    endpoint: signedServer.server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: adminKey.accessKeyId, secretAccessKey: adminKey.secretAccessKey },
    maxAttempts: 1,
  });
  try {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'signed-queue' }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'signed body' }));
    const unsigned = await fetch(`${signedServer.server.url}/admin/v1/overview`);
    assert.equal(unsigned.status >= 400 && unsigned.status < 500, true);

    await page.goto(`${signedServer.server.url}/dashboard/`);
    await page.getByText('Sign in with an admin key').waitFor();
    await screenshot('07-admin-key-form');
    await page.fill('input[name="accessKeyId"]', adminKey.accessKeyId);
    await page.fill('input[name="secretAccessKey"]', adminKey.secretAccessKey);
    await page.click('button[type="submit"]');
    await waitFor(async () => (await cell('signed-queue', 'visible').textContent()) === '1', {
      timeoutMs: 10_000,
    });
    // Evaluated in the page (no DOM types here).
    const stored = await page.evaluate<{ session: string | null; local: number }>(
      '({ session: sessionStorage.getItem("sluice.adminKey"), local: localStorage.length })',
    );
    assert.match(stored.session ?? '', /AKIADASHBOARDADMIN01/);
    assert.equal(stored.local, 0);

    await page.click('a.queue-name:text-is("signed-queue")');
    await page.click('button[data-action="peek"]');
    await page.getByText('signed body').waitFor();
    await page.locator('button[data-action="send"]').click();
    await page.getByText(/^Sent message /).waitFor();
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    assert.equal(Attributes?.ApproximateNumberOfMessages, '2');
  } finally {
    client.destroy();
  }
});
