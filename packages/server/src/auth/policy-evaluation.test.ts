import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicy, wildcardMatches, type AccessRequest } from './policy-evaluation.js';

const queueArn = 'arn:aws:sqs:us-east-1:000000000001:orders';
const owner = '000000000001';
const other = '000000000002';

function request(principalAccountId: string, action = 'sqs:SendMessage'): AccessRequest {
  return { principalAccountId, ownerAccountId: owner, action, resourceArn: queueArn };
}

function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const allowOtherSend = {
  Sid: 'send',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${other}:root` },
  Action: 'SQS:SendMessage',
  Resource: queueArn,
};

describe('queue policy evaluation', () => {
  test('without a policy the owner is allowed and every other account is denied', () => {
    assert.equal(evaluatePolicy(undefined, request(owner)), 'allow');
    assert.equal(evaluatePolicy(undefined, request(other)), 'deny');
  });

  test('an Allow grants exactly the named account the named action', () => {
    const text = policy(allowOtherSend);
    assert.equal(evaluatePolicy(text, request(other)), 'allow');
    assert.equal(evaluatePolicy(text, request(other, 'sqs:ReceiveMessage')), 'deny');
    assert.equal(evaluatePolicy(text, request('000000000003')), 'deny');
  });

  test('principals may be "*", a bare account id, a root ARN or a list of them', () => {
    const each = [
      '*',
      { AWS: '*' },
      { AWS: other },
      { AWS: [`arn:aws:iam::000000000009:root`, `arn:aws:iam::${other}:root`] },
    ];
    for (const principal of each) {
      assert.equal(
        evaluatePolicy(policy({ ...allowOtherSend, Principal: principal }), request(other)),
        'allow',
      );
    }
    const userArn = { AWS: `arn:aws:iam::${other}:user/alice` };
    assert.equal(
      evaluatePolicy(policy({ ...allowOtherSend, Principal: userArn }), request(other)),
      'deny',
    );
  });

  test('actions match case-insensitively, with "*", "sqs:*", lists and wildcards', () => {
    for (const action of [
      '*',
      'sqs:*',
      'SQS:*',
      'sqs:sendmessage',
      ['sqs:ReceiveMessage', 'sqs:SendMessage'],
      'sqs:Send*',
      'sqs:SendMessag?',
    ]) {
      assert.equal(
        evaluatePolicy(policy({ ...allowOtherSend, Action: action }), request(other)),
        'allow',
        JSON.stringify(action),
      );
    }
    assert.equal(
      evaluatePolicy(policy({ ...allowOtherSend, Action: 'sns:*' }), request(other)),
      'deny',
    );
  });

  test('resources match the queue ARN exactly or by wildcard, case-sensitively', () => {
    for (const resource of [
      queueArn,
      'arn:aws:sqs:*:000000000001:*',
      ['arn:aws:sqs:us-east-1:000000000001:ord*'],
    ]) {
      assert.equal(
        evaluatePolicy(policy({ ...allowOtherSend, Resource: resource }), request(other)),
        'allow',
      );
    }
    for (const resource of [
      'arn:aws:sqs:us-east-1:000000000001:other',
      'arn:aws:sqs:us-east-1:000000000001:ORDERS',
    ]) {
      assert.equal(
        evaluatePolicy(policy({ ...allowOtherSend, Resource: resource }), request(other)),
        'deny',
      );
    }
  });

  test('an explicit Deny wins over an Allow and over ownership', () => {
    const deny = { ...allowOtherSend, Sid: 'deny', Effect: 'Deny', Principal: '*' };
    assert.equal(evaluatePolicy(policy(allowOtherSend, deny), request(other)), 'deny');
    assert.equal(evaluatePolicy(policy(deny), request(owner)), 'deny');
    assert.equal(evaluatePolicy(policy(deny), request(owner, 'sqs:ReceiveMessage')), 'allow');
  });

  test('statements with conditions fail closed: such an Allow grants nothing, such a Deny denies', () => {
    const condition = { Bool: { 'aws:SecureTransport': 'true' } };
    assert.equal(
      evaluatePolicy(policy({ ...allowOtherSend, Condition: condition }), request(other)),
      'deny',
    );
    const deny = { ...allowOtherSend, Effect: 'Deny', Principal: '*', Condition: condition };
    assert.equal(evaluatePolicy(policy(deny), request(owner)), 'deny');
  });

  test('a policy that is not JSON, or has a single statement object, is read as AWS would store it', () => {
    assert.equal(evaluatePolicy('not json', request(other)), 'deny');
    assert.equal(evaluatePolicy('not json', request(owner)), 'allow');
    const single = JSON.stringify({ Statement: allowOtherSend });
    assert.equal(evaluatePolicy(single, request(other)), 'allow');
  });

  test('wildcard matching takes linear-ish time even on a pathological pattern', () => {
    assert.equal(wildcardMatches(`${'*a'.repeat(40)}b`, 'a'.repeat(5000), false), false);
    assert.equal(wildcardMatches('a*b?d', 'aXXbcd', false), true);
    assert.equal(wildcardMatches('a*b?d', 'aXXbd', false), false);
  });
});
