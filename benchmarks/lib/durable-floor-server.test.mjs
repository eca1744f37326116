import assert from 'node:assert/strict';
import { crc32c } from '@node-rs/crc32';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { post } from './post.mjs';

const md5 = (text) => createHash('md5').update(text, 'utf8').digest('hex');
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The records of a floor log file: [length u32][crc32c u32][36-byte id][body]. */
function readRecords(file) {
  const bytes = readFileSync(file);
  const records = [];
  for (let at = 0; at < bytes.length;) {
    const length = bytes.readUInt32LE(at);
    assert.ok(length >= 44 && at + length <= bytes.length, `a whole record at ${at}`);
    const framed = bytes.subarray(at + 8, at + length);
    assert.equal(bytes.readUInt32LE(at + 4), crc32c(framed), `CRC32C of the record at ${at}`);
    records.push({ id: framed.latin1Slice(0, 36), body: framed.utf8Slice(36) });
    at += length;
  }
  return records;
}

describe('durable floor server', () => {
  let child;
  let directory;
  let origin;
  let port;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'durable-floor-test-'));
    child = fork(fileURLToPath(new URL('./durable-floor-server.mjs', import.meta.url)), [
      '0',
      directory,
    ]);
    port = await new Promise((resolve) =>
      child.once('message', (message) => resolve(message.port)),
    );
    origin = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers a batch and a single send as SQS does, once each record is in its log file', async () => {
    const pool = new Pool(origin, { connections: 2 });
    const bodies = ['plain', 'ünïcødé €', 'x'.repeat(5000)];
    const batch = await post(pool, {
      body: JSON.stringify({
        QueueUrl: 'q',
        Entries: bodies.map((body, index) => ({ Id: `e${index}`, MessageBody: body })),
      }),
    });
    const single = await post(pool, {
      body: JSON.stringify({ QueueUrl: 'q', MessageBody: 'one' }),
    });
    await pool.close();
    assert.equal(batch.statusCode, 200);
    const { Successful, Failed } = JSON.parse(batch.text);
    assert.deepEqual(Failed, []);
    assert.deepEqual(
      Successful.map((entry) => [entry.Id, entry.MD5OfMessageBody]),
      bodies.map((body, index) => [`e${index}`, md5(body)]),
    );
    const answer = JSON.parse(single.text);
    assert.equal(answer.MD5OfMessageBody, md5('one'));
    const ids = [...Successful.map((entry) => entry.MessageId), answer.MessageId];
    for (const id of ids) assert.match(id, uuid);
    // The answer came after the write, so the file already holds every record, in order.
    const files = readdirSync(directory).filter((name) => name.endsWith('.log'));
    assert.equal(files.length, 1);
    assert.deepEqual(readRecords(join(directory, files[0])), [
      ...bodies.map((body, index) => ({ id: ids[index], body })),
      { id: answer.MessageId, body: 'one' },
    ]);
  });

  it('refuses JSON it cannot send with a 400, and stays up', async () => {
    const pool = new Pool(origin, { connections: 1 });
    for (const body of ['{not json', '{"Entries":[{"Id":"a"}]}', '[]', 'null']) {
      const answer = await post(pool, { body });
      assert.equal(answer.statusCode, 400, body);
    }
    const after = await post(pool, { body: '{"MessageBody":"still up"}' });
    await pool.close();
    assert.equal(after.statusCode, 200);
  });

  it('refuses a body over 1 MiB with a 400 before reading it, and closes the connection', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\ncontent-length: ${1024 * 1024 + 1}\r\n\r\n{`);
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    await new Promise((resolve) => socket.once('close', resolve));
    assert.match(received, /^HTTP\/1\.1 400 /);
  });

  it('closes a connection whose body is not framed by Content-Length', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.write(
      'POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    );
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    await new Promise((resolve) => socket.once('close', resolve));
    assert.match(received, /^HTTP\/1\.1 400 /);
  });
});
