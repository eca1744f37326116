// The durable floor: the least work a durable SQS queue must do, measured in the same run as
// Sluice so that what Sluice spends above it can be told from what the machine costs that hour.
//
// Sends: per message what an SQS answer and a crash-safe log need and nothing else: the MD5 and
// message id the answer carries, a record framed with its length and CRC32C (the MD5 stored in
// it, as Sluice stores it, so a receive need not hash again), appended to a log file opened
// O_DSYNC by the same group commit as Sluice's (one write in flight on the thread pool; requests
// that arrive meanwhile share the next), and the answer once its write is done. A message can be
// received once its record is durable.
//
// The drain (ReceiveMessage, DeleteMessageBatch): per message, its record read back from the log
// (one read per run of adjacent records, as Sluice reads), its CRC32C checked, a receipt handle
// with a random nonce, the answer's JSON; a delete checks the handle and appends a delete record.
// Receives append one record each. Neither waits for its record to be durable before answering,
// as Sluice does not for a standard queue. Log files roll at 64 MiB, as Sluice's segments do;
// the oldest are deleted once none of their messages is left (never one newer than a file still
// kept, so a delete record is not lost while its message's record survives).
//
// Queues by QueueUrl, each made by its first request; records name their queue by a number. Not
// done, because the benchmark never needs it: visibility timeouts (a received message is never
// delivered again), waking a long poll when messages arrive (an empty receive waits its
// WaitTimeSeconds, at most 1 s), recovery on restart. No validation, metrics or signatures.
//
// HTTP/1.1 over raw sockets, keep-alive, Content-Length bodies only (what the benchmark's undici
// client sends), answers in request order. Anything else, an action it does not know (from
// X-Amz-Target) or JSON it cannot act on gets a 400 and the connection is closed.
// node benchmarks/lib/durable-floor-server.mjs <port> <directory> [log file bytes]
import { crc32c } from '@node-rs/crc32';
import { hash, randomFillSync, randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  unlinkSync,
  writev,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Log files roll at this size (a test's argument may make it smaller). */
const logFileBytes = Number(process.argv[4] ?? 64 * 1024 * 1024);
const requestBytesMax = 1024 * 1024;
const longPollMsMax = 1000;
/** Records: [u32 length][u32 crc32c of what follows][u8 type][fields]. */
const framingBytes = 8;
const recordTypes = { send: 1, receive: 2, delete: 3 };
/** Every record's fields start with its type and its queue's number. */
const fieldsHeadBytes = 1 + 4;
/** A send record's bytes before the body: then the 36-byte message id and the 16-byte MD5. */
const sendHeadBytes = framingBytes + fieldsHeadBytes + 36 + 16;
const receiveRecordBytes = framingBytes + fieldsHeadBytes + 4 + 8;
const deleteRecordBytes = framingBytes + fieldsHeadBytes + 8;

const directory = process.argv[3];
mkdirSync(directory, { recursive: true });
const directoryFd = openSync(directory, 'r');

/** Log files by number: { readFd, live } (messages sent into it and not deleted). */
const files = new Map();
let oldestFile = 0;
let fileNumber = -1;
let fd;
let position = 0;
openLog();

/** Queues by QueueUrl, each made by its first request. */
const queues = new Map();

function queueOf(request) {
  let queue = queues.get(request.QueueUrl);
  if (queue === undefined) {
    queue = {
      number: queues.size,
      // Its messages by sequence (log order): file, record position and length, receipt nonce.
      messageCount: 0,
      nextToReceive: 0,
      fileOf: new Int32Array(1024),
      positionOf: new Float64Array(1024),
      lengthOf: new Int32Array(1024),
      /** 0: not received; > 0: the nonce of its receipt handle; -1: deleted. */
      nonceOf: new Float64Array(1024),
    };
    queues.set(request.QueueUrl, queue);
  }
  return queue;
}

function logPath(number) {
  return join(directory, `${String(number).padStart(8, '0')}.log`);
}

function openLog() {
  fileNumber += 1;
  const path = logPath(fileNumber);
  fd = openSync(path, constants.O_CREAT | constants.O_WRONLY | constants.O_DSYNC, 0o644);
  files.set(fileNumber, { readFd: openSync(path, 'r'), live: 0 });
  // A new file is only there after a crash once its directory entry is synced, as for Sluice.
  fsyncSync(directoryFd);
  position = 0;
}

function rollLog() {
  closeSync(fd);
  openLog();
  deleteDrainedFiles();
}

/** Deletes the oldest files, in order, while none of their messages is left. */
function deleteDrainedFiles() {
  while (oldestFile < fileNumber && files.get(oldestFile).live === 0) {
    closeSync(files.get(oldestFile).readFd);
    files.delete(oldestFile);
    unlinkSync(logPath(oldestFile));
    oldestFile += 1;
  }
}

function grow(queue) {
  const widen = (array) => {
    const wider = new array.constructor(array.length * 2);
    wider.set(array);
    return wider;
  };
  queue.fileOf = widen(queue.fileOf);
  queue.positionOf = widen(queue.positionOf);
  queue.lengthOf = widen(queue.lengthOf);
  queue.nonceOf = widen(queue.nonceOf);
}

/** Records waiting for the next write: { records, sentTo, done }. */
let staged = [];
let writing = false;
let scheduled = false;

/**
 * Stages `records` for the next group commit. `sentTo` is the queue when they are send records
 * (the messages become receivable once written); `done` runs after the write, or is undefined.
 */
function stage(records, sentTo, done) {
  staged.push({ records, sentTo, done });
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
  const buffers = group.map((entry) => entry.records);
  const bytes = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
  if (position > 0 && position + bytes > logFileBytes) rollLog();
  const at = position;
  writing = true;
  writeAll(buffers, bytes, at, () => {
    position = at + bytes;
    writing = false;
    let start = at;
    for (const entry of group) {
      if (entry.sentTo !== undefined) register(entry.sentTo, entry.records, start);
      start += entry.records.length;
      entry.done?.();
    }
    flush();
  });
}

/** The send records in `records`, written at `start` of the active file, become messages. */
function register(queue, records, start) {
  for (let at = 0; at < records.length;) {
    const length = records.readUInt32LE(at);
    if (queue.messageCount === queue.fileOf.length) grow(queue);
    const sequence = queue.messageCount;
    queue.fileOf[sequence] = fileNumber;
    queue.positionOf[sequence] = start + at;
    queue.lengthOf[sequence] = length;
    queue.nonceOf[sequence] = 0;
    queue.messageCount += 1;
    files.get(fileNumber).live += 1;
    at += length;
  }
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

/** Writes a record's type and queue number at `start`; returns where its other fields go. */
function head(buffer, start, type, queue) {
  buffer[start + framingBytes] = type;
  buffer.writeUInt32LE(queue.number, start + framingBytes + 1);
  return start + framingBytes + fieldsHeadBytes;
}

/** Frames the record whose fields were written at start + framingBytes .. end. */
function frame(buffer, start, end) {
  buffer.writeUInt32LE(end - start, start);
  buffer.writeUInt32LE(crc32c(buffer.subarray(start + framingBytes, end)), start + 4);
}

function respond(status, body) {
  const reason = status === 200 ? 'OK' : 'Bad Request';
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const ok = (output) => respond(200, JSON.stringify(output));

/** SendMessage or SendMessageBatch: answers once the records are durable. */
function send(request, answer) {
  const entries = request.Entries ?? [{ Id: undefined, MessageBody: request.MessageBody }];
  if (!Array.isArray(entries) || entries.some((entry) => typeof entry?.MessageBody !== 'string'))
    return false;
  let recordsBytes = 0;
  for (const entry of entries) recordsBytes += sendHeadBytes + Buffer.byteLength(entry.MessageBody);
  const queue = queueOf(request);
  const records = Buffer.allocUnsafe(recordsBytes);
  const successful = [];
  let at = 0;
  for (const entry of entries) {
    const messageId = randomUUID();
    const md5 = hash('md5', entry.MessageBody);
    const start = at;
    at = head(records, start, recordTypes.send, queue);
    at += records.latin1Write(messageId, at);
    at += records.hexWrite(md5, at);
    at += records.utf8Write(entry.MessageBody, at);
    frame(records, start, at);
    successful.push({ Id: entry.Id, MessageId: messageId, MD5OfMessageBody: md5 });
  }
  const output = Array.isArray(request.Entries)
    ? { Successful: successful, Failed: [] }
    : { MessageId: successful[0].MessageId, MD5OfMessageBody: successful[0].MD5OfMessageBody };
  stage(records, queue, () => answer(ok(output)));
  return true;
}

const nonces = new Uint32Array(1024);
let noncesUsed = nonces.length;
/** A random positive 48-bit integer. */
function nextNonce() {
  if (noncesUsed + 2 > nonces.length) {
    randomFillSync(nonces);
    noncesUsed = 0;
  }
  const nonce = (nonces[noncesUsed++] & 0xffff) * 2 ** 32 + nonces[noncesUsed++];
  return nonce === 0 ? 1 : nonce;
}

/** The records of messages [first, first + count), read back in runs of adjacent records. */
function readMessages(queue, first, count) {
  const { fileOf, positionOf, lengthOf } = queue;
  const messages = [];
  let sequence = first;
  while (sequence < first + count) {
    let last = sequence;
    while (
      last + 1 < first + count &&
      fileOf[last + 1] === fileOf[sequence] &&
      positionOf[last + 1] === positionOf[last] + lengthOf[last]
    )
      last += 1;
    const start = positionOf[sequence];
    const span = Buffer.allocUnsafe(positionOf[last] + lengthOf[last] - start);
    const read = readSync(files.get(fileOf[sequence]).readFd, span, 0, span.length, start);
    if (read !== span.length) throw new Error(`read ${read} of ${span.length} bytes`);
    for (let at = 0; sequence <= last; sequence++) {
      const length = span.readUInt32LE(at);
      const fields = span.subarray(at + framingBytes, at + length);
      if (length !== lengthOf[sequence] || span.readUInt32LE(at + 4) !== crc32c(fields))
        throw new Error(`message ${sequence}: its record fails its checksum`);
      messages.push({ sequence, fields });
      at += length;
    }
  }
  return messages;
}

/** ReceiveMessage: the oldest messages never received, or an empty answer after the wait. */
function receive(request, answer) {
  const countMax = request.MaxNumberOfMessages ?? 1;
  if (!Number.isInteger(countMax) || countMax < 1 || countMax > 10) return false;
  const queue = queueOf(request);
  const count = Math.min(countMax, queue.messageCount - queue.nextToReceive);
  if (count === 0) {
    const waitMs = Math.min(longPollMsMax, (request.WaitTimeSeconds ?? 0) * 1000);
    setTimeout(() => answer(ok({ Messages: [] })), waitMs);
    return true;
  }
  const first = queue.nextToReceive;
  queue.nextToReceive += count;
  const record = Buffer.allocUnsafe(receiveRecordBytes);
  const at = head(record, 0, recordTypes.receive, queue);
  record.writeUInt32LE(count, at);
  record.writeDoubleLE(first, at + 4);
  frame(record, 0, record.length);
  stage(record, undefined, undefined);
  const id = fieldsHeadBytes;
  const messages = readMessages(queue, first, count).map(({ sequence, fields }) => {
    const nonce = nextNonce();
    queue.nonceOf[sequence] = nonce;
    return {
      MessageId: fields.latin1Slice(id, id + 36),
      ReceiptHandle: `${sequence.toString(36)}.${nonce.toString(36)}`,
      MD5OfBody: fields.hexSlice(id + 36, id + 52),
      Body: fields.utf8Slice(id + 52),
    };
  });
  answer(ok({ Messages: messages }));
  return true;
}

/** The message a receipt handle names, if it is the handle of its latest receive. */
function sequenceOf(queue, receiptHandle) {
  if (typeof receiptHandle !== 'string') return -1;
  const dot = receiptHandle.indexOf('.');
  const sequence = parseInt(receiptHandle.slice(0, dot), 36);
  const nonce = parseInt(receiptHandle.slice(dot + 1), 36);
  if (dot < 0 || !(sequence >= 0 && sequence < queue.messageCount)) return -1;
  return queue.nonceOf[sequence] === nonce && nonce > 0 ? sequence : -1;
}

/** DeleteMessageBatch: each message deleted and its delete record staged. */
function deleteBatch(request, answer) {
  if (!Array.isArray(request.Entries)) return false;
  const queue = queueOf(request);
  const successful = [];
  const failed = [];
  const records = Buffer.allocUnsafe(request.Entries.length * deleteRecordBytes);
  let at = 0;
  for (const entry of request.Entries) {
    const sequence = sequenceOf(queue, entry?.ReceiptHandle);
    if (sequence < 0) {
      failed.push({
        Id: entry?.Id,
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: 'not the handle of a message in flight',
      });
      continue;
    }
    queue.nonceOf[sequence] = -1;
    files.get(queue.fileOf[sequence]).live -= 1;
    const start = at;
    at = head(records, start, recordTypes.delete, queue);
    records.writeDoubleLE(sequence, at);
    at += 8;
    frame(records, start, at);
    successful.push({ Id: entry.Id });
  }
  if (at > 0) stage(records.subarray(0, at), undefined, undefined);
  deleteDrainedFiles();
  answer(ok({ Successful: successful, Failed: failed }));
  return true;
}

const actions = {
  SendMessage: send,
  SendMessageBatch: send,
  ReceiveMessage: receive,
  DeleteMessageBatch: deleteBatch,
};

/** Acts on one request; false if it is not one the floor understands. */
function handle(action, bodyText, answer) {
  const act = actions[action];
  if (act === undefined) return false;
  let request;
  try {
    request = JSON.parse(bodyText);
  } catch {
    return false;
  }
  if (typeof request !== 'object' || request === null) return false;
  return act(request, answer);
}

function refuse(socket) {
  socket.end(respond(400, '{"__type":"InvalidRequest"}'));
}

const server = createServer((socket) => {
  socket.setNoDelay(true);
  let pending;
  let refused = false;
  /** Answers in request order: a slot per request, written once it and those before it are. */
  const answers = [];
  const answerSlot = () => {
    const slot = { text: undefined };
    answers.push(slot);
    return (text) => {
      slot.text = text;
      while (answers.length > 0 && answers[0].text !== undefined) {
        const next = answers.shift();
        if (!socket.destroyed) socket.write(next.text);
      }
    };
  };
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
      const action = /\r\nx-amz-target:[ \t]*AmazonSQS\.(\w+)/i.exec(head)?.[1];
      if (!handle(action, pending.utf8Slice(headEnd + 4, end), answerSlot())) return refuseThis();
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
