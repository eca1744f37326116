import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqsError } from './errors.js';
import { batchResultErrorEntry } from './batch-result.js';

test('a failed batch entry carries the Query code, the fault and the message', () => {
  assert.deepEqual(
    batchResultErrorEntry('e1', new SqsError('InvalidParameterValue', 'bad delay')),
    {
      Id: 'e1',
      SenderFault: true,
      Code: 'InvalidParameterValue',
      Message: 'bad delay',
    },
  );
  assert.equal(
    batchResultErrorEntry('e2', new SqsError('MessageNotInflight')).Code,
    'AWS.SimpleQueueService.MessageNotInflight',
  );
});

test('an internal failure of one entry is a Receiver fault without internal details', () => {
  const entry = batchResultErrorEntry('e3', new SqsError('NotLeader'));
  assert.equal(entry.SenderFault, false);
  assert.equal(entry.Code, 'ServiceUnavailable');
  assert.ok(!entry.Message?.includes('leader'));
});
