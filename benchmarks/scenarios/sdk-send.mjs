// SendMessage through the real AWS SDK v3 (signing every request, as users' code does), over HTTP
// or HTTPS; the undici pool the harness passes is not used.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export default {
  async setup({ options }) {
    const client = new SQSClient({
      endpoint: options.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({
        httpsAgent: new Agent({
          keepAlive: true,
          maxSockets: 64,
          ...(options.caFile ? { ca: readFileSync(options.caFile) } : {}),
        }),
      }),
    });
    return {
      client,
      input: { QueueUrl: options.queueUrl, MessageBody: 'x'.repeat(options.messageBytes ?? 1024) },
    };
  },
  async request({ state }) {
    await state.client.send(new SendMessageCommand(state.input));
    return 1;
  },
  async teardown({ state }) {
    state.client.destroy();
  },
};
