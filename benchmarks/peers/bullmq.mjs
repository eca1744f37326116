// Redis 7 with BullMQ 5: Queue.add / addBulk, a Worker with `concurrency` jobs in parallel,
// completed jobs removed. `appendfsync` is set on the server before the row: `always` fsyncs the
// AOF before each reply, `everysec` does not.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const redisOptions = { host: '127.0.0.1', port: 21379, maxRetriesPerRequest: null };
const jobOptions = { removeOnComplete: true, removeOnFail: true };

export function bullmq(appendfsync) {
  return async function open(queue) {
    const connection = new Redis(redisOptions);
    await connection.config('SET', 'appendfsync', appendfsync);
    const producer = new Queue(queue, { connection });
    return {
      send: async (body) => {
        await producer.add('message', { body }, jobOptions);
      },
      sendBatch: async (bodies) => {
        await producer.addBulk(
          bodies.map((body) => ({ name: 'message', data: { body }, opts: jobOptions })),
        );
      },
      async consume({ onMessage, concurrency }) {
        const worker = new Worker(queue, async (job) => onMessage(job.data.body), {
          connection: new Redis(redisOptions),
          concurrency,
        });
        await worker.waitUntilReady();
        return { stop: () => worker.close() };
      },
      async close() {
        await producer.obliterate({ force: true });
        await producer.close();
        await connection.quit();
      },
    };
  };
}
