// Send-to-receive latency at a fixed rate: an open-loop producer sends SendMessage at `rate`
// msg/s, each body carrying its scheduled send time; long-polling consumers receive and delete
// in batches and record receive time minus scheduled send time. Runs pinned apart from the server.
import { Pool } from 'undici';
import hdr from 'hdr-histogram-js';
import { post } from './post.mjs';

const spec = JSON.parse(process.argv[2]);
const pool = new Pool(spec.origin, { connections: spec.connections });
const histogram = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 60_000_000,
  numberOfSignificantValueDigits: 3,
});
const json = (target) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `AmazonSQS.${target}`,
});
const padding = 'x'.repeat(Math.max(0, (spec.messageBytes ?? 1024) - 30));
const now = () => performance.timeOrigin + performance.now();

let sent = 0;
let received = 0;
let sendErrors = 0;
const sendsDone = (async () => {
  const start = performance.now();
  const total = Math.round((spec.rate * spec.durationMs) / 1000);
  const inFlight = new Set();
  for (let index = 0; index < total; index++) {
    const scheduled = start + (index * 1000) / spec.rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    // From the scheduled time when late (generator lag counts), from the real start when early
    // (setTimeout cannot wait under a millisecond): see peer-worker.mjs.
    const sentAt = Math.min(scheduled, performance.now());
    const body = JSON.stringify({
      QueueUrl: spec.queueUrl,
      MessageBody: `${performance.timeOrigin + sentAt} ${padding}`,
    });
    const promise = post(pool, { headers: json('SendMessage'), body }).then(({ statusCode }) => {
      if (statusCode === 200) sent += 1;
      else sendErrors += 1;
    });
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  }
  await Promise.all(inFlight);
})();

let producing = true;
void sendsDone.then(() => {
  producing = false;
});
async function consumer() {
  while (producing || received < sent) {
    const response = await post(pool, {
      headers: json('ReceiveMessage'),
      body: JSON.stringify({
        QueueUrl: spec.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: producing ? 2 : 1,
      }),
    });
    if (response.statusCode !== 200)
      throw new Error(`receive ${response.statusCode}: ${response.text}`);
    const messages = JSON.parse(response.text).Messages ?? [];
    if (messages.length === 0 && !producing) break;
    const at = now();
    for (const message of messages) {
      histogram.recordValue(
        Math.max(1, Math.round((at - Number(message.Body.split(' ')[0])) * 1000)),
      );
    }
    received += messages.length;
    if (messages.length > 0) {
      const deleted = await post(pool, {
        headers: json('DeleteMessageBatch'),
        body: JSON.stringify({
          QueueUrl: spec.queueUrl,
          Entries: messages.map((message, index) => ({
            Id: `d${index}`,
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      });
      if (deleted.statusCode !== 200)
        throw new Error(`delete ${deleted.statusCode}: ${deleted.text}`);
    }
  }
}
await Promise.all([sendsDone, ...Array.from({ length: spec.consumers }, consumer)]);
await pool.close();
process.send({
  sent,
  received,
  sendErrors,
  latencyMicros: {
    p50: histogram.getValueAtPercentile(50),
    p99: histogram.getValueAtPercentile(99),
    p999: histogram.getValueAtPercentile(99.9),
    max: histogram.maxValue,
  },
});
