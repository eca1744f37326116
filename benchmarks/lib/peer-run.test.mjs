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

  /** One short baseline send loop; resolves its result and the phases heard, in order. */
  async function run(announcePhases) {
    const phases = [];
    const spec = {
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
    };
    const result = await runPeerWorker(spec, {
      core: 1,
      timeoutMs: 60_000,
      onPhase: (phase) => phases.push(phase),
    });
    return { phases, result };
  }

  it('hears measuring, then measured, and still resolves the result itself', async () => {
    const { phases, result } = await run(true);
    assert.deepEqual(phases, ['measuring', 'measured']);
    assert.equal(result.error, undefined);
    assert.ok(result.operations > 0, 'the result is the measurement, not a phase notice');
  });

  it('hears nothing when the worker is not asked to announce', async () => {
    const { phases, result } = await run(false);
    assert.deepEqual(phases, []);
    assert.ok(result.operations > 0);
  });
});
