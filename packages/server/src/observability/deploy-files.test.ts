import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from '../testing/test-server.js';

// The operator files in deploy/ name metrics by string; this keeps them from drifting away from
// what /metrics actually exports.
const deployDirectory = fileURLToPath(new URL('../../../../deploy/', import.meta.url));
const files = ['prometheus/sluice-alerts.yml', 'grafana/sluice-dashboard.json'];
const histogramSuffixes = /_(bucket|sum|count)$/;

let server: TestServer;
before(async () => {
  server = await startTestServer();
  await server.client.send(new CreateQueueCommand({ QueueName: 'deploy-check' }));
});
after(async () => {
  await server.close();
});

test('every metric the Grafana dashboard and the alert rules query is one /metrics exports', async () => {
  const exposition = await (await fetch(`${server.server.url}/metrics`)).text();
  const exported = new Set(
    [...exposition.matchAll(/^# TYPE ([a-z_:][a-z0-9_:]*) /gm)].map((match) => match[1] as string),
  );
  for (const file of files) {
    const text = readFileSync(`${deployDirectory}${file}`, 'utf8');
    const names = new Set(
      [...text.matchAll(/\b(?:sluice|nodejs|process)_[a-z0-9_]+/g)].map((match) => match[0]),
    );
    assert.ok(names.size > 5, `${file} queries metrics`);
    for (const name of names) {
      const base = exported.has(name) ? name : name.replace(histogramSuffixes, '');
      assert.ok(exported.has(base), `${file} uses ${name}, which /metrics does not export`);
    }
  }
});

test('the Grafana dashboard is importable JSON with a Prometheus datasource input and unique panel ids', () => {
  const dashboard = JSON.parse(
    readFileSync(`${deployDirectory}grafana/sluice-dashboard.json`, 'utf8'),
  ) as { __inputs: { pluginId: string }[]; panels: { id: number }[]; uid: string };
  assert.equal(dashboard.__inputs[0]?.pluginId, 'prometheus');
  const ids = dashboard.panels.map((panel) => panel.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(dashboard.uid, 'sluice-overview');
});
