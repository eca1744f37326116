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

const headers = (action) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `AmazonSQS.${action}`,
});
/** One call; resolves { statusCode, output } (output parsed when the status is 200). */
async function call(pool, action, input) {
  const { statusCode, text } = await post(pool, {
    headers: headers(action),
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return { statusCode, output: statusCode === 200 ? JSON.parse(text) : text };
}

/**
 * The records of a floor log file, [length u32][crc32c u32][type u8][queue u32][fields], each
 * checked: sends as { queue, id, md5, body }, receives as { queue, received, first }, deletes
 * as { queue, deleted }.
 */
function readRecords(file) {
  const bytes = readFileSync(file);
  const records = [];
  for (let at = 0; at < bytes.length;) {
    const length = bytes.readUInt32LE(at);
    assert.ok(length >= 13 && at + length <= bytes.length, `a whole record at ${at}`);
    const fields = bytes.subarray(at + 8, at + length);
    assert.equal(bytes.readUInt32LE(at + 4), crc32c(fields), `CRC32C of the record at ${at}`);
    const type = fields[0];
    const queue = fields.readUInt32LE(1);
    if (type === 1) {
      records.push({
        queue,
        id: fields.latin1Slice(5, 41),
        md5: fields.hexSlice(41, 57),
        body: fields.utf8Slice(57),
      });
    } else if (type === 2) {
      records.push({ queue, received: fields.readUInt32LE(5), first: fields.readDoubleLE(9) });
    } else {
      assert.equal(type, 3, `the type of the record at ${at}`);
      records.push({ queue, deleted: fields.readDoubleLE(5) });
    }
    at += length;
  }
  return records;
}

const logFiles = (directory) =>
  readdirSync(directory)
    .filter((name) => name.endsWith('.log'))
    .sort();

/** A floor server on a new directory; `stop()` ends it and removes the directory. */
async function startFloor(...extraArguments) {
  const directory = mkdtempSync(join(tmpdir(), 'durable-floor-test-'));
  const child = fork(fileURLToPath(new URL('./durable-floor-server.mjs', import.meta.url)), [
    '0',
    directory,
    ...extraArguments,
  ]);
  const port = await new Promise((resolve) =>
    child.once('message', (message) => resolve(message.port)),
  );
  return {
    directory,
    port,
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

describe('durable floor server', () => {
  let server;
  let directory;
  let origin;
  let port;
  before(async () => {
    server = await startFloor();
    ({ directory, origin, port } = server);
  });
  after(() => server.stop());

  it('answers a batch and a single send as SQS does, once each record is in its log file', async () => {
    const pool = new Pool(origin, { connections: 2 });
    const bodies = ['plain', 'ünïcødé €', 'x'.repeat(5000)];
    const batch = await call(pool, 'SendMessageBatch', {
      QueueUrl: 'q',
      Entries: bodies.map((body, index) => ({ Id: `e${index}`, MessageBody: body })),
    });
    const single = await call(pool, 'SendMessage', { QueueUrl: 'q', MessageBody: 'one' });
    await pool.close();
    assert.equal(batch.statusCode, 200);
    const { Successful, Failed } = batch.output;
    assert.deepEqual(Failed, []);
    assert.deepEqual(
      Successful.map((entry) => [entry.Id, entry.MD5OfMessageBody]),
      bodies.map((body, index) => [`e${index}`, md5(body)]),
    );
    assert.equal(single.output.MD5OfMessageBody, md5('one'));
    const ids = [...Successful.map((entry) => entry.MessageId), single.output.MessageId];
    for (const id of ids) assert.match(id, uuid);
    // The answer came after the write, so the file already holds every record, in order.
    const files = logFiles(directory);
    assert.equal(files.length, 1);
    assert.deepEqual(readRecords(join(directory, files[0])), [
      ...[...bodies, 'one'].map((body, index) => ({
        queue: 0,
        id: ids[index],
        md5: md5(body),
        body,
      })),
    ]);
  });

  it('drains: receives in send order, deletes by receipt handle, refuses a stale or forged handle', async () => {
    const pool = new Pool(origin, { connections: 2 });
    // The messages of the test above, then three more, and one to another queue.
    const sent = await call(pool, 'SendMessageBatch', {
      QueueUrl: 'q',
      Entries: ['a', 'b', 'c'].map((body) => ({ Id: body, MessageBody: body })),
    });
    await call(pool, 'SendMessage', { QueueUrl: 'other', MessageBody: 'elsewhere' });
    const first = await call(pool, 'ReceiveMessage', { QueueUrl: 'q', MaxNumberOfMessages: 10 });
    assert.deepEqual(
      first.output.Messages.map((message) => [message.Body, message.MD5OfBody]),
      ['plain', 'ünïcødé €', 'x'.repeat(5000), 'one', 'a', 'b', 'c'].map((body) => [
        body,
        md5(body),
      ]),
    );
    assert.deepEqual(
      first.output.Messages.slice(4).map((message) => message.MessageId),
      sent.output.Successful.map((entry) => entry.MessageId),
    );
    const handles = first.output.Messages.map((message) => message.ReceiptHandle);
    const [sequence, nonce] = handles[0].split('.');
    const deleted = await call(pool, 'DeleteMessageBatch', {
      QueueUrl: 'q',
      Entries: [
        ...handles.map((handle, index) => ({ Id: `d${index}`, ReceiptHandle: handle })),
        { Id: 'again', ReceiptHandle: handles[0] },
        { Id: 'forged', ReceiptHandle: `${sequence}.${(parseInt(nonce, 36) + 1).toString(36)}` },
        { Id: 'unknown', ReceiptHandle: 'zzzz.1' },
        { Id: 'none' },
      ],
    });
    assert.deepEqual(
      deleted.output.Successful.map((entry) => entry.Id),
      handles.map((_, index) => `d${index}`),
    );
    assert.deepEqual(
      deleted.output.Failed.map((entry) => [entry.Id, entry.Code]),
      ['again', 'forged', 'unknown', 'none'].map((id) => [id, 'ReceiptHandleIsInvalid']),
    );
    // Nothing left: an empty answer once the long poll's wait is over. The other queue's
    // message is its own.
    const empty = await call(pool, 'ReceiveMessage', { QueueUrl: 'q', WaitTimeSeconds: 1 });
    assert.deepEqual(empty.output, { Messages: [] });
    const other = await call(pool, 'ReceiveMessage', { QueueUrl: 'other' });
    assert.deepEqual(
      other.output.Messages.map((message) => message.Body),
      ['elsewhere'],
    );
    const more = await call(pool, 'SendMessage', { MessageBody: 'flushes the records before it' });
    await pool.close();
    assert.equal(more.statusCode, 200);
    const records = readRecords(join(directory, logFiles(directory)[0]));
    assert.deepEqual(
      records.slice(4, 8).map((record) => [record.queue, record.body]),
      [
        [0, 'a'],
        [0, 'b'],
        [0, 'c'],
        [1, 'elsewhere'],
      ],
    );
    assert.deepEqual(records[8], { queue: 0, received: 7, first: 0 });
    assert.deepEqual(
      records.slice(9, 16),
      handles.map((_, index) => ({ queue: 0, deleted: index })),
    );
    assert.deepEqual(records[16], { queue: 1, received: 1, first: 0 });
    assert.equal(records.length, 18);
  });

  it('refuses JSON it cannot act on, or an action it does not know, with a 400, and stays up', async () => {
    const refusals = [
      ['SendMessage', '{not json'],
      ['SendMessageBatch', '{"Entries":[{"Id":"a"}]}'],
      ['SendMessage', '[]'],
      ['SendMessage', 'null'],
      ['ReceiveMessage', '{"MaxNumberOfMessages":11}'],
      ['DeleteMessageBatch', '{}'],
      ['PurgeQueue', '{}'],
    ];
    for (const [action, body] of refusals) {
      // A refusal closes the connection: a pool of its own for each.
      const pool = new Pool(origin, { connections: 1 });
      const answer = await call(pool, action, body);
      await pool.close();
      assert.equal(answer.statusCode, 400, `${action} ${body}`);
    }
    const pool = new Pool(origin, { connections: 1 });
    const after = await call(pool, 'SendMessage', { MessageBody: 'still up' });
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

describe('durable floor log files', () => {
  let server;
  let directory;
  let origin;
  before(async () => {
    // Files of 4 KiB: three 1 KiB messages each.
    server = await startFloor('4096');
    ({ directory, origin } = server);
  });
  after(() => server.stop());

  it('deletes the oldest files once their messages are deleted, never one newer than a file kept', async () => {
    const pool = new Pool(origin, { connections: 1 });
    for (let index = 0; index < 9; index++) {
      const sent = await call(pool, 'SendMessage', { MessageBody: `${index}`.repeat(1024) });
      assert.equal(sent.statusCode, 200);
    }
    assert.deepEqual(logFiles(directory), ['00000000.log', '00000001.log', '00000002.log']);
    const received = await call(pool, 'ReceiveMessage', { MaxNumberOfMessages: 9 });
    const handles = received.output.Messages.map((message) => message.ReceiptHandle);
    assert.equal(handles.length, 9);
    const remove = async (indexes) => {
      const answer = await call(pool, 'DeleteMessageBatch', {
        Entries: indexes.map((index) => ({ Id: `d${index}`, ReceiptHandle: handles[index] })),
      });
      assert.equal(answer.output.Successful.length, indexes.length);
    };
    // The second file's messages: it stays, behind the first, whose messages are still there.
    await remove([3, 4, 5]);
    assert.deepEqual(logFiles(directory), ['00000000.log', '00000001.log', '00000002.log']);
    // Then the first's: both go; the third, still holding messages, stays.
    await remove([0, 1, 2]);
    assert.deepEqual(logFiles(directory), ['00000002.log']);
    // The file being written stays, even with no message left; it goes when the log rolls.
    await remove([6, 7, 8]);
    assert.deepEqual(logFiles(directory), ['00000002.log']);
    await call(pool, 'SendMessage', { MessageBody: 'r'.repeat(1024) });
    await pool.close();
    assert.deepEqual(logFiles(directory), ['00000003.log']);
  });
});
