import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config.js';
import { loadCredentials, parseCredentials } from './credentials.js';

const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const valid = {
  accounts: [
    {
      id: '000000000001',
      admin: false,
      keys: [{ accessKeyId: 'AKIDONE', secretAccessKey: secret }],
    },
    {
      id: '000000000002',
      admin: true,
      keys: [{ accessKeyId: 'AKIDTWO', secretAccessKey: secret }],
    },
  ],
};

function refusal(document: unknown): string {
  try {
    parseCredentials(document, 'credentials file c.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.ok(!error.message.includes(secret), 'the secret leaked into the error');
    return error.message;
  }
  assert.fail('the document was accepted');
}

function withAccount(change: Record<string, unknown>): unknown {
  return { accounts: [{ ...valid.accounts[0], ...change }] };
}

describe('credentials file', () => {
  test('a valid file maps every access key to its account and admin flag', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-credentials-'));
    try {
      const path = join(directory, 'credentials.json');
      writeFileSync(path, JSON.stringify(valid));
      const credentials = loadCredentials(path);
      assert.deepEqual(credentials.keys.get('AKIDTWO'), {
        accessKeyId: 'AKIDTWO',
        secretAccessKey: secret,
        accountId: '000000000002',
        admin: true,
      });
      assert.equal(credentials.keys.get('AKIDONE')?.admin, false);
      assert.deepEqual([...credentials.accountIds], ['000000000001', '000000000002']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('a missing file and a file that is not JSON are ConfigErrors that do not quote the text', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-credentials-'));
    try {
      assert.throws(() => loadCredentials(join(directory, 'absent.json')), ConfigError);
      const path = join(directory, 'broken.json');
      writeFileSync(path, `{"accounts":[{"keys":[{"secretAccessKey":"${secret}"`);
      assert.throws(
        () => loadCredentials(path),
        (error: Error) => error instanceof ConfigError && !error.message.includes(secret),
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('every malformed field is refused with its path, never echoing a secret', () => {
    assert.match(refusal([]), /the document must be a JSON object/);
    assert.match(refusal({ accounts: [] }), /"accounts" must be a non-empty array/);
    assert.match(refusal({ ...valid, extra: 1 }), /unknown field "extra"/);
    assert.match(
      refusal(withAccount({ id: '123' })),
      /accounts\[0\]\.id must be a string of 12 digits/,
    );
    assert.match(
      refusal(withAccount({ admin: 'yes' })),
      /accounts\[0\]\.admin must be true or false/,
    );
    assert.match(
      refusal(withAccount({ keys: [] })),
      /accounts\[0\]\.keys must be a non-empty array/,
    );
    assert.match(
      refusal(withAccount({ keys: [{ accessKeyId: 'A K', secretAccessKey: secret }] })),
      /accounts\[0\]\.keys\[0\]\.accessKeyId/,
    );
    assert.match(
      refusal(withAccount({ keys: [{ accessKeyId: 'AKID', secretAccessKey: 'short' }] })),
      /accounts\[0\]\.keys\[0\]\.secretAccessKey must be 16-128 printable characters/,
    );
    assert.match(
      refusal(withAccount({ keys: [{ accessKeyId: 'AKID', secretAccessKey: `${secret} x` }] })),
      /secretAccessKey must be/,
    );
    assert.match(
      refusal(withAccount({ keys: [{ accessKeyId: 'AKID' }] })),
      /lacks the field "secretAccessKey"/,
    );
  });

  test('a repeated account id or access key id is refused', () => {
    const first = valid.accounts[0];
    assert.match(
      refusal({
        accounts: [first, { ...first, keys: [{ accessKeyId: 'OTHER', secretAccessKey: secret }] }],
      }),
      /repeats account 000000000001/,
    );
    assert.match(
      refusal({ accounts: [first, { ...valid.accounts[1], keys: first?.keys }] }),
      /repeats key AKIDONE/,
    );
  });
});
