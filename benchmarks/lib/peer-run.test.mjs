import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runPeerWorker } from './peer-run.mjs';
import { startBaseline } from './processes.mjs';

describe('runPeerWorker phase notices', () => {
  let server;
  before(async () => {
    server = await startBaseline(0);
  });
  after(async () => {
    await server?.stop();
  });

  const spec = (announcePhases) => ({
    workload: 'send',
    row: 'baseline',
    url: server.url,
    queue: 'phases',
    concurrency: 2,
    connections: 2,
    messageBytes: 100,
    warmupMs: 200,
    durationMs: 300,
    announcePhases,
  });

  it('hears measuring, then measured, and still resolves the result itself', async () => {
    const phases = [];
    const result = await runPeerWorker(spec(true), {
      core: 1,
      timeoutMs: 60_000,
      onPhase: (phase) => phases.push(phase),
    });
    assert.deepEqual(phases, ['measuring', 'measured']);
    assert.equal(result.error, undefined);
    assert.ok(result.operations > 0, 'the result is the measurement, not a phase notice');
  });

  it('hears nothing when the worker is not asked to announce', async () => {
    const phases = [];
    const result = await runPeerWorker(spec(false), {
      core: 1,
      timeoutMs: 60_000,
      onPhase: (phase) => phases.push(phase),
    });
    assert.deepEqual(phases, []);
    assert.ok(result.operations > 0);
  });
});
