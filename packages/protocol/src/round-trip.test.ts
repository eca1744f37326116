import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prng, testSeed } from '@sluice/core';
import { sqsActions } from './actions.js';
import { inputSchemas } from './input-schema.js';
import { parseRequest } from './parse-request.js';
import { botocoreJsonRequest, botocoreQueryRequest } from './botocore-style-serializers.js';
import { comparable, randomStructure } from './random-input.js';

const inputsPerAction = 60;

test('parse(serialize-as-botocore-would(input)) gives back the input, for all 23 actions on both protocols', () => {
  const seed = testSeed(0x5eed_0001);
  console.log(`round-trip seed ${seed} (replay with SLUICE_SEED=${seed})`);
  const prng = new Prng(seed);
  assert.equal(sqsActions.length, 23);
  for (const action of sqsActions) {
    for (let round = 0; round < inputsPerAction; round++) {
      const input = randomStructure(inputSchemas[action], prng);
      for (const request of [
        botocoreJsonRequest(action, input),
        botocoreQueryRequest(action, input),
      ]) {
        const parsed = parseRequest(request);
        assert.equal(parsed.action, action);
        assert.deepEqual(
          comparable(parsed.input),
          comparable(input),
          `${action} ${request.body.toString()}`,
        );
      }
    }
  }
});
