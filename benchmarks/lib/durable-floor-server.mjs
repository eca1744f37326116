// The durable floor: the least work a durable SQS send must do, measured in the same run as
// Sluice so that what Sluice spends above it can be told from what the machine costs that hour.
// Per message it does what an SQS answer and a crash-safe log need and nothing else: the MD5 and
// message id the answer carries, a record framed with its length and CRC32C, appended to a log
// file opened O_DSYNC by the same group commit as Sluice's (one write in flight on the thread
// pool; requests that arrive meanwhile share the next), and the answer once its write is done.
// No queue, no validation, no metrics, no signatures. Log files roll at 64 MiB, as Sluice's
// segments do, and the previous one is deleted, so disk use stays bounded.
//
// HTTP/1.1 over raw sockets, keep-alive, Content-Length bodies only (what the benchmark's undici
// client sends): anything else, or JSON without a MessageBody or Entries, gets a 400 and the
// connection is closed. node benchmarks/lib/durable-floor-server.mjs <port> <directory>
import { crc32c } from '@node-rs/crc32';
import { hash, randomUUID } from 'node:crypto';
import { closeSync, constants, fsyncSync, mkdirSync, openSync, unlinkSync, writev } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const logFileBytes = 64 * 1024 * 1024;
const requestBytesMax = 1024 * 1024;
const recordHeadBytes = 4 + 4 + 36;

const directory = process.argv[3];
mkdirSync(directory, { recursive: true });
const directoryFd = openSync(directory, 'r');
let fileNumber = 0;
let fd = openLog();
let position = 0;

function logPath() {
  return join(directory, `${String(fileNumber).padStart(8, '0')}.log`);
}

function openLog() {
  const opened = openSync(
    logPath(),
    constants.O_CREAT | constants.O_WRONLY | constants.O_DSYNC,
    0o644,
  );
  // A new file is only there after a crash once its directory entry is synced, as for Sluice.
  fsyncSync(directoryFd);
  return opened;
}

function rollLog() {
  closeSync(fd);
  unlinkSync(logPath());
  fileNumber += 1;
  fd = openLog();
  position = 0;
}

/** Requests whose records wait for the next write: { socket, records, answer }. */
let staged = [];
let writing = false;
let scheduled = false;

function stage(socket, records, answer) {
  staged.push({ socket, records, answer });
  if (!writing && !scheduled) {
    scheduled = true;
    process.nextTick(flush);
  }
}

function flush() {
  scheduled = false;
  if (writing || staged.length === 0) return;
  const group = staged;
  staged = [];
  const buffers = group.map((request) => request.records);
  const bytes = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
  if (position > 0 && position + bytes > logFileBytes) rollLog();
  writing = true;
  writeAll(buffers, bytes, position, () => {
    position += bytes;
    writing = false;
    for (const { socket, answer } of group) if (!socket.destroyed) socket.write(answer);
    flush();
  });
}

function writeAll(buffers, bytes, at, done) {
  writev(fd, buffers, at, (error, written) => {
    if (error !== null) {
      process.stderr.write(`durable floor: ${error.message}\n`);
      process.exit(1);
    }
    if (written === bytes) return done();
    // A short write: the rest from where it stopped.
    const rest = Buffer.concat(buffers).subarray(written);
    writeAll([rest], rest.length, at + written, done);
  });
}

function respond(status, body) {
  const reason = status === 200 ? 'OK' : 'Bad Request';
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The request's records and answer, or undefined if it is not a send the floor understands. */
function handle(bodyText) {
  let request;
  try {
    request = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const entries = Array.isArray(request?.Entries)
    ? request.Entries
    : [{ Id: undefined, MessageBody: request?.MessageBody }];
  if (entries.some((entry) => typeof entry?.MessageBody !== 'string')) return undefined;
  let recordsBytes = 0;
  for (const entry of entries)
    recordsBytes += recordHeadBytes + Buffer.byteLength(entry.MessageBody);
  const records = Buffer.allocUnsafe(recordsBytes);
  const successful = [];
  let at = 0;
  for (const entry of entries) {
    const messageId = randomUUID();
    const start = at;
    at += 8;
    at += records.latin1Write(messageId, at);
    at += records.utf8Write(entry.MessageBody, at);
    records.writeUInt32LE(at - start, start);
    records.writeUInt32LE(crc32c(records.subarray(start + 8, at)), start + 4);
    successful.push({
      Id: entry.Id,
      MessageId: messageId,
      MD5OfMessageBody: hash('md5', entry.MessageBody),
    });
  }
  const answer = Array.isArray(request.Entries)
    ? { Successful: successful, Failed: [] }
    : { MessageId: successful[0].MessageId, MD5OfMessageBody: successful[0].MD5OfMessageBody };
  return { records, answer: respond(200, JSON.stringify(answer)) };
}

function refuse(socket) {
  socket.end(respond(400, '{"__type":"InvalidRequest"}'));
}

const server = createServer((socket) => {
  socket.setNoDelay(true);
  let pending;
  let refused = false;
  const refuseThis = () => {
    refused = true;
    pending = undefined;
    refuse(socket);
  };
  socket.on('data', (chunk) => {
    if (refused) return;
    pending = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
    while (pending !== undefined) {
      const headEnd = pending.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (pending.length > requestBytesMax) refuseThis();
        return;
      }
      const head = pending.latin1Slice(0, headEnd);
      const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
      if (length === null || /\r\ntransfer-encoding:/i.test(head)) return refuseThis();
      const end = headEnd + 4 + Number(length[1]);
      if (end - headEnd - 4 > requestBytesMax) return refuseThis();
      if (pending.length < end) return;
      const handled = handle(pending.utf8Slice(headEnd + 4, end));
      if (handled === undefined) return refuseThis();
      stage(socket, handled.records, handled.answer);
      pending = pending.length === end ? undefined : pending.subarray(end);
    }
  });
  socket.on('error', () => undefined);
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('SIGTERM', () =>
  server.close(() => {
    closeSync(fd);
    process.exit(0);
  }),
);
