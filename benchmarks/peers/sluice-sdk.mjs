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
      async consume({ onMessage, concurrency }) {
        let running = true;
        // As in the lean-client row: at most one DeleteMessageBatch outstanding per loop, not
        // waited for before the next receive.
        const loops = Array.from({ length: concurrency }, async () => {
          let deleting = Promise.resolve();
          while (running) {
            const { Messages = [] } = await client.send(
              new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
            );
            if (Messages.length === 0) continue;
            for (const message of Messages) onMessage(message.Body);
            await deleting;
            deleting = client.send(
              new DeleteMessageBatchCommand({
                QueueUrl,
                Entries: Messages.map((message, index) => ({
                  Id: `d${index}`,
                  ReceiptHandle: message.ReceiptHandle,
                })),
              }),
            );
            // Seen by the next `await deleting`; until then it must not count as unhandled.
            deleting.catch(() => undefined);
          }
          await deleting;
        });
        return {
          async stop() {
            running = false;
            await Promise.all(loops);
          },
        };
      },
      async close() {
        await client.send(new DeleteQueueCommand({ QueueUrl }));
        client.destroy();
      },
    };
  };
}
