import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from './cli-errors.js';
import { endpointDefault, formatJson, resolveEndpoint } from './client-session.js';

test('the endpoint comes from the flag, else SLUICE_ENDPOINT, else the local default', () => {
  const environment = { SLUICE_ENDPOINT: 'http://10.0.0.5:9324/' };
  assert.equal(resolveEndpoint('https://q.example.com', environment), 'https://q.example.com');
  assert.equal(resolveEndpoint(undefined, environment), 'http://10.0.0.5:9324');
  assert.equal(resolveEndpoint(undefined, { SLUICE_ENDPOINT: '' }), endpointDefault);
});

test('an endpoint that is not an http(s) URL is a usage error', () => {
  for (const text of ['localhost:9324', 'ftp://host', 'not a url']) {
    assert.throws(() => resolveEndpoint(text, {}), UsageError, text);
  }
});

test('JSON output is one parseable document ending in a newline', () => {
  const text = formatJson({ queues: [{ name: 'a' }] });
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(JSON.parse(text), { queues: [{ name: 'a' }] });
});
