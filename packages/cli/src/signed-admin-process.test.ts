/**
 * Against a server that requires SigV4 (a credentials file), the admin commands sign their
 * requests with the same keys as the SQS calls: an admin key is served, any other refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, startCli } from './test-support/run-cli.js';

const adminKey = {
  accessKeyId: 'AKIDADMIN00000000001',
  secretAccessKey: 'admin-secret-key-0123456789',
};
const userKey = {
  accessKeyId: 'AKIDUSER000000000001',
  secretAccessKey: 'user-secret-key-0123456789ab',
};

test(
  'status and peek sign their admin requests: an admin key is served, a non-admin key is refused',
  { timeout: 60_000 },
  async (t) => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-cli-signed-'));
    t.after(() => rmSync(directory, { recursive: true, force: true }));
    const credentials = join(directory, 'credentials.json');
    writeFileSync(
      credentials,
      JSON.stringify({
        accounts: [
          { id: '000000000000', admin: true, keys: [adminKey] },
          { id: '000000000001', admin: false, keys: [userKey] },
        ],
      }),
    );
    const server = startCli([
      'serve',
      '--port',
      '0',
      '--data-dir',
      join(directory, 'data'),
      '--credentials',
      credentials,
    ]);
    t.after(() => server.signal('SIGKILL'));
    const [, url] = await server.waitForStdout(/^sluice listening on (http:\/\/127\.0\.0\.1:\d+) /);
    assert.ok(url !== undefined);
    const as = (key: { accessKeyId: string; secretAccessKey: string }) => ({
      SLUICE_ENDPOINT: url,
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    });
    const created = await runCli(['queue', 'create', 'signed'], { environment: as(adminKey) });
    assert.equal(created.code, 0, created.stderr);
    const sent = await runCli(['send', 'signed', 'hello'], { environment: as(adminKey) });
    assert.equal(sent.code, 0, sent.stderr);
    const status = await runCli(['status', '--json'], { environment: as(adminKey) });
    assert.equal(status.code, 0, status.stderr);
    assert.equal(
      (JSON.parse(status.stdout) as { queues: { name: string }[] }).queues[0]?.name,
      'signed',
    );
    const peeked = await runCli(['peek', 'signed', '--json'], { environment: as(adminKey) });
    assert.equal(peeked.code, 0, peeked.stderr);
    const refused = await runCli(['status'], { environment: as(userKey) });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /AccessDenied/);
  },
);
