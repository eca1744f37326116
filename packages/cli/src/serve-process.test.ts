/**
 * `sluice serve` for real: the built bin starts the real @sluice/server in a child process,
 * client commands run against it, and SIGTERM stops it cleanly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, startCli } from './test-support/run-cli.js';

test(
  'serve runs a real server the client commands work against, and stops on SIGTERM with exit 0',
  { timeout: 60_000 },
  async (t) => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-cli-serve-'));
    t.after(() => rmSync(dataDirectory, { recursive: true, force: true }));
    const server = startCli(['serve', '--port', '0', '--data-dir', dataDirectory]);
    t.after(() => server.signal('SIGKILL'));
    const [, url] = await server.waitForStdout(
      /^sluice listening on (http:\/\/127\.0\.0\.1:\d+) \(data: (.+)\)\n/,
    );
    assert.ok(url !== undefined);
    assert.ok(server.output.stdout.includes(`(data: ${dataDirectory})`));
    const environment = { SLUICE_ENDPOINT: url };

    const created = await runCli(['queue', 'create', 'e2e'], { environment });
    assert.equal(created.stdout, `${url}/000000000000/e2e\n`, created.stderr);
    const sent = await runCli(['send', 'e2e', 'end to end'], { environment });
    assert.equal(sent.code, 0, sent.stderr);
    const peeked = await runCli(['peek', 'e2e', '--json'], { environment });
    const peek = JSON.parse(peeked.stdout) as { messages: { messageId: string; body: string }[] };
    assert.deepEqual(
      peek.messages.map((message) => [message.messageId, message.body]),
      [[sent.stdout.trim(), 'end to end']],
    );
    const status = await runCli(['status'], { environment });
    assert.match(status.stdout, /\ne2e +standard +1 +0 +0 /, status.stderr);
    const received = await runCli(['receive', 'e2e', '--json'], { environment });
    const receipt = JSON.parse(received.stdout) as {
      messages: { body: string }[];
      deleted: boolean;
    };
    assert.deepEqual([receipt.messages[0]?.body, receipt.deleted], ['end to end', true]);
    const missing = await runCli(['queue', 'attributes', 'absent'], { environment });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^sluice: QueueDoesNotExist: /);

    server.signal('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    assert.match(server.output.stdout, /\nstopping\n$/);
  },
);
