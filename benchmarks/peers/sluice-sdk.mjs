// Sluice through the AWS SDK for JavaScript v3 (what users run): SendMessage, SendMessageBatch
// and long-polling ReceiveMessage + DeleteMessageBatch, over the SDK's default keep-alive agent.
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { consumeLoops } from './consume-loops.mjs';

export function sluiceSdk({ url }) {
  return async function open(queue) {
    const client = new SQSClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'sluice', secretAccessKey: 'sluice' },
    });
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: queue }));
    return {
      send: (body) => client.send(new SendMessageCommand({ QueueUrl, MessageBody: body })),
      sendBatch: (bodies) =>
        client.send(
          new SendMessageBatchCommand({
            QueueUrl,
            Entries: bodies.map((body, index) => ({ Id: `e${index}`, MessageBody: body })),
          }),
        ),
      // The lean-client row's consumer loops (consume-loops.mjs), through the SDK.
      consume: async ({ onMessage, concurrency }) =>
        consumeLoops({
          concurrency,
          onMessage,
          receive: async () =>
            (
              await client.send(
                new ReceiveMessageCommand({
                  QueueUrl,
                  MaxNumberOfMessages: 10,
                  WaitTimeSeconds: 1,
                }),
              )
            ).Messages ?? [],
          deleteBatch: (entries) =>
            client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: entries })),
        }),
      async close() {
        await client.send(new DeleteQueueCommand({ QueueUrl }));
        client.destroy();
      },
    };
  };
}
