// One measurement of one row, in its own process pinned (taskset) to the load core. Workloads:
//   send     closed loop, `concurrency` sends in flight, one message each
//   batch    closed loop, `concurrency` batches of 10 in flight
//   drain    fill a backlog of `backlog` messages (batches of 10, at most `fillMs`), then consume
//            with acks/deletes and time it until all are gone (at most `drainMs`)
//   latency  open-loop sends at `rate` msg/s for `durationMs`, each body carrying its scheduled
//            send time; `consumers` consumers record receive time minus scheduled time
// Prints nothing; sends one result object to the parent over IPC.
import hdr from 'hdr-histogram-js';
import { rows } from '../peers/rows.mjs';

const spec = JSON.parse(process.argv[2]);
const row = rows[spec.row];
const open = row.open({ url: spec.url, connections: spec.connections ?? 64 });
const client = await open(spec.queue);
const newHistogram = () =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });
const percentilesMs = (histogram) => ({
  p50: histogram.getValueAtPercentile(50) / 1000,
  p99: histogram.getValueAtPercentile(99) / 1000,
  p999: histogram.getValueAtPercentile(99.9) / 1000,
  max: histogram.maxValue / 1000,
});
const nowMs = () => performance.timeOrigin + performance.now();
const inFlightMax = 2000;
const warmupMs = spec.warmupMs ?? 1000;
const padding = (bytes) => 'x'.repeat(Math.max(0, bytes));

async function closedLoop(operation, perOperation) {
  const histogram = newHistogram();
  let operations = 0;
  let failed = 0;
  let firstError;
  // Every row first runs the same load unrecorded for warmupMs: JIT compilation, new connections
  // and the first segment files otherwise land in the measurement of whichever row runs cold.
  const warmupEndAt = performance.now() + warmupMs;
  const endAt = warmupEndAt + spec.durationMs;
  // For a caller that samples the server's counters over the measured window (server-core.mjs).
  // Its end is announced once the last operation is back, so always before the result.
  if (spec.announcePhases) setTimeout(() => process.send?.({ phase: 'measuring' }), warmupMs);
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < endAt) {
        const begin = performance.now();
        const recorded = begin >= warmupEndAt;
        try {
          await operation();
          if (recorded) {
            operations += 1;
            histogram.recordValue(Math.max(1, Math.round((performance.now() - begin) * 1000)));
          }
        } catch (error) {
          failed += 1;
          firstError ??= String(error?.stack ?? error);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - warmupEndAt;
  if (spec.announcePhases) process.send?.({ phase: 'measured' });
  return {
    messagesPerSecond: (operations * perOperation * 1000) / elapsedMs,
    operations,
    failed,
    firstError,
    warmupMs,
    latencyMs: percentilesMs(histogram),
  };
}

function waitUntil(condition, timeoutMs) {
  return new Promise((resolve) => {
    const deadline = performance.now() + timeoutMs;
    const check = () => {
      if (condition() || performance.now() > deadline) resolve(condition());
      else setTimeout(check, 5);
    };
    check();
  });
}

async function drain() {
  const body = padding(spec.messageBytes);
  const batch = Array.from({ length: 10 }, () => body);
  let filled = 0;
  const fillEnd = performance.now() + spec.fillMs;
  const fillStartedAt = performance.now();
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (filled < spec.backlog && performance.now() < fillEnd) {
        filled += 10;
        await client.sendBatch(batch);
      }
    }),
  );
  const fillMs = performance.now() - fillStartedAt;
  let consumed = 0;
  const startedAt = performance.now();
  const consumer = await client.consume({
    concurrency: spec.consumers,
    onMessage: () => (consumed += 1),
  });
  const complete = await waitUntil(() => consumed >= filled, spec.drainMs);
  const elapsedMs = performance.now() - startedAt;
  await consumer.stop();
  return {
    backlog: filled,
    fillMessagesPerSecond: (filled * 1000) / fillMs,
    consumed,
    complete,
    messagesPerSecond: (consumed * 1000) / elapsedMs,
  };
}

async function latency() {
  const histogram = newHistogram();
  let received = 0;
  let sent = 0;
  let failed = 0;
  // Messages scheduled in the first warmupMs are sent and received at the rate but not recorded.
  let recordFromMs = Infinity;
  const consumer = await client.consume({
    concurrency: spec.consumers,
    onMessage: (body) => {
      received += 1;
      const scheduled = Number(body.slice(0, body.indexOf(' ')));
      if (scheduled < recordFromMs) return;
      histogram.recordValue(Math.max(1, Math.round((nowMs() - scheduled) * 1000)));
    },
  });
  const pad = padding(spec.messageBytes - 20);
  const total = Math.round((spec.rate * (warmupMs + spec.durationMs)) / 1000);
  const inFlight = new Set();
  // Woken when a send completes while the generator waits for a free slot. Promise.race over
  // the in-flight set would cost O(in flight) per send and melt the generator once it is behind.
  let slotFreed;
  const start = performance.now();
  recordFromMs = performance.timeOrigin + start + warmupMs;
  // A row that cannot keep up stops being fed at twice the duration: its latency is already
  // known to be its queueing delay, and the comparison must not wait minutes for it.
  const sendUntil = start + warmupMs + spec.durationMs * 2;
  for (let index = 0; index < total && performance.now() < sendUntil; index++) {
    const scheduled = start + (index * 1000) / spec.rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    // A row far behind its schedule would otherwise start every remaining send at once; the wait
    // still counts in its latency, which is measured from the scheduled time.
    while (inFlight.size >= inFlightMax) await new Promise((resolve) => (slotFreed = resolve));
    // Latency counts from the scheduled time when the send starts late (so queueing in the
    // generator counts, no coordinated omission), and from the actual start when it starts early:
    // setTimeout cannot wait under a millisecond, and a send made early would otherwise be
    // credited with the time it was early (it read as 1 µs at 1,000 msg/s).
    const sentAt = Math.min(scheduled, performance.now());
    const promise = client.send(`${performance.timeOrigin + sentAt} ${pad}`).then(
      () => (sent += 1),
      () => (failed += 1),
    );
    inFlight.add(promise);
    void promise.finally(() => {
      inFlight.delete(promise);
      slotFreed?.();
      slotFreed = undefined;
    });
  }
  await Promise.all(inFlight);
  const achievedRate = (sent * 1000) / (performance.now() - start);
  await waitUntil(() => received >= sent, Math.min(10_000, spec.durationMs * 2));
  await consumer.stop();
  return {
    rate: spec.rate,
    achievedRate,
    sent,
    received,
    failed,
    warmupMs,
    latencyMs: percentilesMs(histogram),
  };
}

async function run() {
  switch (spec.workload) {
    case 'send': {
      const body = padding(spec.messageBytes);
      return closedLoop(() => client.send(body), 1);
    }
    case 'batch': {
      const bodies = Array.from({ length: 10 }, () => padding(spec.messageBytes));
      return closedLoop(() => client.sendBatch(bodies), 10);
    }
    case 'drain':
      return drain();
    case 'latency':
      return latency();
    default:
      throw new Error(`unknown workload ${spec.workload}`);
  }
}

let result;
try {
  result = await run();
} catch (error) {
  result = { error: String(error?.stack ?? error) };
}
try {
  await client.close();
} catch (error) {
  result.closeError = String(error);
}
process.send(result, () => process.exit(0));
