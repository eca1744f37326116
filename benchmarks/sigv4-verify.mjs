#!/usr/bin/env node
// SigV4 verifications per second of a typical SendMessage (JSON 1.0, 1 KiB body, Authorization
// header with x-amz-content-sha256, as the AWS SDK v3 sends it), through the server's verifier
// (packages/server, from dist: build first). Also a presigned Query GET, and the cost without the
// signing-key cache (a fresh verifier per request derives the key: four more HMACs).
//   node benchmarks/sigv4-verify.mjs            5 runs of 2 s each per case, medians printed
import { createHash, createHmac } from 'node:crypto';
import { ManualClock } from '@sluice/core';
import { SigV4Verifier, parseCredentials } from '@sluice/server';
import { SignatureV4 } from '@smithy/signature-v4';

const key = {
  accessKeyId: 'AKIDBENCHMARK',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const credentials = parseCredentials(
  { accounts: [{ id: '000000000001', admin: false, keys: [key] }] },
  'benchmark',
);
const signingDate = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));
const runCount = 5;
const runMs = 2000;

class Sha256 {
  constructor(secret) {
    this.secret = secret;
    this.reset();
  }
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {
    this.hash =
      this.secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', Buffer.from(this.secret));
  }
}

const signer = new SignatureV4({
  credentials: key,
  region: 'us-east-1',
  service: 'sqs',
  sha256: Sha256,
});

function toSignedRequest(request) {
  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const query = Object.entries(request.query ?? {})
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return {
    method: request.method,
    path: request.path,
    query,
    headers,
    body: Buffer.from(request.body ?? ''),
  };
}

async function sendMessageRequest() {
  const body = JSON.stringify({
    QueueUrl: 'http://127.0.0.1:9324/000000000001/orders',
    MessageBody: 'x'.repeat(1024),
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 9324,
      path: '/',
      query: {},
      headers: {
        host: '127.0.0.1:9324',
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessage',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'aws-sdk-js/3 benchmark',
        'amz-sdk-invocation-id': '6a2e4b3c-0000-4000-8000-000000000000',
        'amz-sdk-request': 'attempt=1; max=3',
      },
      body,
    },
    { signingDate },
  );
  return toSignedRequest(signed);
}

async function presignedGetRequest() {
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/000000000001/orders',
      query: { Action: 'SendMessage', MessageBody: 'x'.repeat(1024), Version: '2012-11-05' },
      headers: { host: '127.0.0.1:9324' },
    },
    { signingDate, expiresIn: 900 },
  );
  return toSignedRequest(signed);
}

function median(values) {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(name, request, verifierFor) {
  const clock = new ManualClock(signingDate.getTime());
  const rates = [];
  for (let run = 0; run < runCount; run++) {
    let count = 0;
    const startedAt = performance.now();
    while (performance.now() - startedAt < runMs) {
      for (let index = 0; index < 100; index++) verifierFor(clock).verify(request);
      count += 100;
    }
    rates.push(count / ((performance.now() - startedAt) / 1000));
  }
  const perSecond = median(rates);
  console.log(
    `${name.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} /s  ` +
      `${(1e6 / perSecond).toFixed(2).padStart(6)} µs each  (runs: ${rates.map((rate) => Math.round(rate)).join(', ')})`,
  );
}

const sendMessage = await sendMessageRequest();
const presigned = await presignedGetRequest();
let shared;
const cached = (clock) =>
  (shared ??= new SigV4Verifier({ credentials, region: 'us-east-1', clock }));
const uncached = (clock) => new SigV4Verifier({ credentials, region: 'us-east-1', clock });
console.log(`node ${process.version}, ${runCount} runs x ${runMs} ms, median`);
measure('SendMessage, JSON 1.0, 1 KiB body, header auth', sendMessage, cached);
measure('SendMessage, Query GET presigned URL, 1 KiB body', presigned, cached);
measure('SendMessage, header auth, no signing-key cache', sendMessage, uncached);
