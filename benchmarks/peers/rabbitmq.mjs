// RabbitMQ 3.10 through amqplib: publisher confirms on every publish, persistent messages, manual
// consumer acks with a prefetch window. `queueType` picks a quorum queue (Raft log fsynced before
// the confirm) or a classic durable queue (confirm after the message store's batched fsync).
import amqp from 'amqplib';

const url = 'amqp://guest:guest@127.0.0.1:21672';

export function rabbitmq(queueType) {
  return async function open(queue) {
    const connection = await amqp.connect(url);
    const publisher = await connection.createConfirmChannel();
    const queueArguments = queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {};
    await publisher.assertQueue(queue, { durable: true, arguments: queueArguments });
    const publish = (body) =>
      new Promise((resolve, reject) => {
        publisher.sendToQueue(queue, Buffer.from(body), { persistent: true }, (error) =>
          error ? reject(error) : resolve(),
        );
      });
    return {
      send: publish,
      sendBatch: (bodies) => Promise.all(bodies.map(publish)),
      async consume({ onMessage, concurrency }) {
        const channel = await connection.createChannel();
        await channel.prefetch(concurrency * 10);
        const { consumerTag } = await channel.consume(queue, (message) => {
          if (message === null) return;
          onMessage(message.content.toString());
          channel.ack(message);
        });
        return {
          async stop() {
            await channel.cancel(consumerTag);
            await channel.close();
          },
        };
      },
      async close() {
        await publisher.deleteQueue(queue);
        await connection.close();
      },
    };
  };
}
