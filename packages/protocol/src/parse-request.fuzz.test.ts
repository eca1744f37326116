/**
 * Fuzz tests: whatever arrives over HTTP, parseRequest (and validateRequest after it) either
 * returns or throws an SqsError; never another exception, never a hang. Seeds are fixed and
 * printed; replay or explore with SLUICE_SEED=<seed>.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { Prng, testSeed } from '@sluice/core';
import { botocoreJsonRequest, botocoreQueryRequest } from './botocore-style-serializers.js';
import { randomStructure } from './random-input.js';
import { sqsActions } from './actions.js';
import { SqsError } from './errors.js';
import { inputSchemas } from './input-schema.js';
import { parseRequest, type HttpRequestParts, type ParsedRequest } from './parse-request.js';
import { serializeError } from './serialize-response.js';
import type { Shape } from './shape.js';
import { validateRequest } from './validate-request.js';

const numRuns = 1500;

/**
 * Parses and validates; any exception other than an SqsError fails the property. Says whether
 * the request parsed (validation may still have refused it).
 */
function parsesOrThrowsSqsError(request: HttpRequestParts): boolean {
  let parsed: ParsedRequest;
  try {
    parsed = parseRequest(request);
  } catch (error) {
    expectSqsError(error);
    return false;
  }
  try {
    validateRequest(parsed);
  } catch (error) {
    expectSqsError(error);
  }
  return true;
}

function expectSqsError(error: unknown): void {
  if (!(error instanceof SqsError)) throw error;
  serializeError('json', error, 'id');
  serializeError('query', error, 'id');
}

function run(name: string, fixedSeed: number, property: fc.IPropertyWithHooks<[HttpRequestParts]>) {
  test(name, () => {
    const seed = testSeed(fixedSeed);
    console.log(`${name}: seed ${seed}`);
    fc.assert(property, { seed, numRuns });
  });
}

/** Every member and wire name of every input shape: fuzzed documents use real names often. */
const memberNames = [...new Set(Object.values(inputSchemas).flatMap((shape) => namesOf(shape)))];
function namesOf(shape: Shape): string[] {
  if (shape.kind === 'structure') {
    return shape.members.flatMap((member) => [
      member.name,
      member.wireName,
      ...namesOf(member.shape),
    ]);
  }
  if (shape.kind === 'list') return namesOf(shape.member);
  if (shape.kind === 'map') return [shape.keyName, shape.valueName, ...namesOf(shape.value)];
  return [];
}

const actionName = fc.oneof(fc.constantFrom(...sqsActions), fc.string({ maxLength: 12 }));
const text = fc.oneof(
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constantFrom(
    '',
    'All',
    'true',
    '-1',
    '2147483648',
    '1e400',
    'AQL/',
    '!!',
    '%',
    '%zz',
    '%E2%82',
    '\ud800',
  ),
);

const { jsonDocument } = fc.letrec((tie) => ({
  jsonDocument: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('jsonDocument'), { maxLength: 12 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...memberNames), fc.string({ maxLength: 8 })),
      tie('jsonDocument'),
      {
        maxKeys: 8,
      },
    ),
  ),
}));

const jsonBody = fc.oneof(
  jsonDocument.map((document) => JSON.stringify(document) ?? ''),
  fc.tuple(jsonDocument, fc.nat()).map(([document, cut]) => {
    const serialized = JSON.stringify(document) ?? '';
    return serialized.slice(0, cut % (serialized.length + 1));
  }),
  fc.constantFrom(
    '{"QueueUrl":1e400}',
    '{"MaxResults":-0}',
    '{"Entries":[[[[]]]]}',
    '{"__proto__":{"a":1}}',
  ),
);

const queryName = fc
  .array(
    fc.oneof(
      fc.constantFrom(...memberNames),
      fc.integer({ min: -1, max: 12 }).map(String),
      fc.string({ maxLength: 4 }),
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((segments) => segments.join('.'));
const queryForm = fc
  .tuple(actionName, fc.array(fc.tuple(queryName, text), { maxLength: 30 }), fc.boolean())
  .map(([action, pairs, encode]) =>
    [
      `Action=${action}`,
      ...pairs.map(([name, value]) => `${name}=${encode ? percentEncode(value) : value}`),
    ].join('&'),
  );

/** Percent-encodes every UTF-8 byte (lone surrogates become EF BF BD, as a client would send). */
function percentEncode(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8'))
    encoded += `%${byte.toString(16).padStart(2, '0')}`;
  return encoded;
}

run(
  'arbitrary methods, paths, headers and bodies only ever parse or throw SqsError',
  0xf022_0001,
  fc.property(
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', ''),
      path: fc.oneof(fc.constant('/'), fc.string({ maxLength: 30 })),
      query: fc.oneof(fc.constant(''), queryForm, fc.string({ maxLength: 60 })),
      headers: fc.record(
        {
          'x-amz-target': fc.oneof(
            actionName.map((action) => `AmazonSQS.${action}`),
            fc.string({ maxLength: 20 }),
          ),
          'content-type': fc.constantFrom(
            'application/x-amz-json-1.0',
            'application/x-www-form-urlencoded',
            'text/plain',
          ),
          host: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: [] },
      ),
      body: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
    }),
    (request) => {
      parsesOrThrowsSqsError(request);
    },
  ),
);

run(
  'JSON bodies of any shape, type or truncation only ever parse or throw SqsError',
  0xf022_0002,
  fc.property(
    fc.tuple(fc.constantFrom(...sqsActions), jsonBody).map(([action, body]): HttpRequestParts => ({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'x-amz-target': `AmazonSQS.${action}` },
      body: Buffer.from(body, 'utf8'),
    })),
    (request) => {
      parsesOrThrowsSqsError(request);
    },
  ),
);

run(
  'Query forms with model names, odd indices and broken escapes only ever parse or throw SqsError',
  0xf022_0003,
  fc.property(
    fc
      .tuple(
        queryForm,
        fc.constantFrom('POST', 'GET'),
        fc.oneof(fc.constant('/'), fc.constant('/000000000000/q')),
      )
      .map(([form, method, path]): HttpRequestParts => ({
        method,
        path,
        query: method === 'GET' ? form : '',
        headers: { host: 'localhost' },
        body: Buffer.from(method === 'POST' ? form : '', 'utf8'),
      })),
    (request) => {
      parsesOrThrowsSqsError(request);
    },
  ),
);

test('valid requests of every action, with bytes flipped or cut, only ever parse or throw SqsError', () => {
  const seed = testSeed(0xf022_0004);
  console.log(`mutated valid requests: seed ${seed}`);
  let parsed = 0;
  const mutatedRequest = fc
    .record({
      action: fc.constantFrom(...sqsActions),
      inputSeed: fc.integer(),
      json: fc.boolean(),
      flips: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 3 }),
      cut: fc.option(fc.nat()),
    })
    .map(({ action, inputSeed, json, flips, cut }) => {
      const input = randomStructure(inputSchemas[action], new Prng(inputSeed));
      const request = json
        ? botocoreJsonRequest(action, input)
        : botocoreQueryRequest(action, input);
      const body = Buffer.from(request.body);
      for (const [position, byte] of flips)
        if (body.length > 0) body[position % body.length] = byte;
      return { ...request, body: cut === null ? body : body.subarray(0, cut % (body.length + 1)) };
    });
  fc.assert(
    fc.property(mutatedRequest, (request) => {
      if (parsesOrThrowsSqsError(request)) parsed += 1;
    }),
    { seed, numRuns },
  );
  // The mutations must leave many requests valid, or this test would explore nothing deep. 10
  // to 12% parse (148 to 184 of 1,500 over 13 seeds); a tenth was too close to hold for every
  // seed (scripts/explore-seeds.mjs found 148 and 149).
  assert.ok(parsed > numRuns / 20, `only ${parsed} of ${numRuns} mutated requests parsed`);
});

test('a deeply nested JSON body is refused as an SqsError, not a stack overflow', () => {
  const depth = 500_000;
  const body = Buffer.from(`{"Entries":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  parsesOrThrowsSqsError({
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'x-amz-target': 'AmazonSQS.SendMessageBatch' },
    body,
  });
});

test('a body marked as XML-safe text validates exactly as when every string is scanned, whatever bytes the message body holds', () => {
  // Pieces of a JSON string's bytes: plain text, every kind of escape (the ones that decode to
  // refused characters among them), raw U+FFFE/U+FFFF and their neighbours, invalid UTF-8, and
  // now and then any byte at all (a raw control, quote or backslash breaks the JSON instead).
  const piece = fc.oneof(
    fc
      .constantFrom(
        'a',
        'plain words',
        '\\"',
        '\\\\',
        '\\n',
        '\\t',
        '\\b',
        '\\f',
        '\\u0001',
        '\\u0041',
        '\\ud800',
        '\\ud83d\\ude00',
        '\\ufffe',
        '\ufffe',
        '\uffff',
        '\ufffd',
        '\ue000',
        '\u{1f600}',
      )
      .map((text) => [...Buffer.from(text)]),
    fc.constantFrom([0xed, 0xa0, 0x80], [0xbf], [0xef, 0xbf], [0xf4, 0x90, 0x80, 0x80]),
    fc.integer({ min: 0, max: 255 }).map((byte) => [byte]),
  );
  const bodyBytes = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.flat());
  const head = Buffer.from('{"QueueUrl":"http://localhost:9324/000000000000/q","MessageBody":"');
  const attributeHead = Buffer.from(
    '","MessageAttributes":{"a":{"DataType":"String","StringValue":"',
  );
  const tail = Buffer.from('"}}}');
  fc.assert(
    fc.property(bodyBytes, bodyBytes, (body, value) => {
      const request: HttpRequestParts = {
        method: 'POST',
        path: '/',
        query: '',
        headers: { 'x-amz-target': 'AmazonSQS.SendMessage' },
        body: Buffer.concat([head, Buffer.from(body), attributeHead, Buffer.from(value), tail]),
      };
      let parsed: ParsedRequest;
      try {
        parsed = parseRequest(request);
      } catch (error) {
        expectSqsError(error);
        return;
      }
      const outcome = (xmlSafeText: boolean): string => {
        try {
          validateRequest({ ...parsed, xmlSafeText });
          return 'valid';
        } catch (error) {
          expectSqsError(error);
          return (error as SqsError).message;
        }
      };
      if (parsed.xmlSafeText === true) assert.equal(outcome(true), outcome(false));
    }),
    { seed: testSeed(0x5eed_0031), numRuns: 5000 },
  );
});
