import { test } from 'node:test';
import { validateMessageSystemAttributes, validateMessageToSend } from './validate-send-message.js';
import { assertSqsError } from './test-assertions.js';

test('a sender may set only the AWSTraceHeader system attribute', () => {
  validateMessageSystemAttributes({
    AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988' },
  });
  for (const name of ['SenderId', 'SentTimestamp', 'MessageGroupId', 'awstraceheader']) {
    assertSqsError(
      () => validateMessageSystemAttributes({ [name]: { DataType: 'String', StringValue: 'x' } }),
      'InvalidParameterValue',
      `Message system attribute name '${name}' is invalid.`,
    );
  }
});

test('AWSTraceHeader must be a non-empty String', () => {
  for (const value of [
    { DataType: 'Binary', BinaryValue: Buffer.from('x') },
    { DataType: 'String', StringValue: '' },
    { DataType: 'String' },
    { DataType: 'String.custom', StringValue: 'x' },
  ]) {
    assertSqsError(
      () => validateMessageSystemAttributes({ AWSTraceHeader: value }),
      'InvalidParameterValue',
      "type 'String'",
    );
  }
});

test('DelaySeconds may be 0 to 900 on a message', () => {
  validateMessageToSend({ MessageBody: 'x', DelaySeconds: 0 });
  validateMessageToSend({ MessageBody: 'x', DelaySeconds: 900 });
  assertSqsError(
    () => validateMessageToSend({ MessageBody: 'x', DelaySeconds: -1 }),
    'InvalidParameterValue',
    'DelaySeconds must be >= 0 and <= 900.',
  );
});

test('system attributes do not count towards the message size, user attributes do', () => {
  const body = 'x'.repeat(1024 * 1024 - 20);
  validateMessageToSend({
    MessageBody: body,
    MessageSystemAttributes: {
      AWSTraceHeader: { DataType: 'String', StringValue: 't'.repeat(100) },
    },
  });
  assertSqsError(
    () =>
      validateMessageToSend({
        MessageBody: body,
        MessageAttributes: { name: { DataType: 'String', StringValue: 't'.repeat(20) } },
      }),
    'InvalidParameterValue',
    'Message must be shorter than 1048576 bytes.',
  );
});
