// NATS 2.9 JetStream through nats.js: a work-queue stream on file storage, js.publish awaits the
// PubAck, a durable pull consumer with explicit acks. 2.9 does not fsync before the PubAck.
import { AckPolicy, RetentionPolicy, StorageType, connect } from 'nats';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function openNats(queue) {
  const connection = await connect({ servers: '127.0.0.1:21422' });
  const manager = await connection.jetstreamManager();
  await manager.streams.add({
    name: queue,
    subjects: [queue],
    storage: StorageType.File,
    retention: RetentionPolicy.Workqueue,
  });
  const jetstream = connection.jetstream();
  const publish = async (body) => {
    await jetstream.publish(queue, encoder.encode(body));
  };
  return {
    send: publish,
    sendBatch: async (bodies) => {
      await Promise.all(bodies.map(publish));
    },
    async consume({ onMessage, concurrency }) {
      await manager.consumers.add(queue, {
        durable_name: 'bench',
        ack_policy: AckPolicy.Explicit,
        max_ack_pending: 20_000,
      });
      const consumer = await jetstream.consumers.get(queue, 'bench');
      const messages = await consumer.consume({ max_messages: Math.max(100, concurrency * 10) });
      const loop = (async () => {
        for await (const message of messages) {
          onMessage(decoder.decode(message.data));
          message.ack();
        }
      })();
      return {
        async stop() {
          await messages.close();
          await loop;
        },
      };
    },
    async close() {
      await manager.streams.delete(queue);
      await connection.drain();
    },
  };
}
