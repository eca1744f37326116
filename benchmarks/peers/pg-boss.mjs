// PostgreSQL 15 with pg-boss 10 (fsync on, synchronous_commit on): send / insert, and consumers
// that fetch up to 100 jobs and complete them, polling every 0.5 s when the queue is empty, which
// is pg-boss's own minimum polling interval for work().
import PgBoss from 'pg-boss';

const pollingIntervalMs = 500;

export async function openPgBoss(queue) {
  const boss = new PgBoss({
    connectionString: 'postgres://postgres@127.0.0.1:21432/postgres',
    max: 20,
    supervise: false,
    schedule: false,
  });
  boss.on('error', (error) => process.stderr.write(`pg-boss: ${error}\n`));
  await boss.start();
  await boss.createQueue(queue);
  return {
    send: async (body) => {
      await boss.send(queue, { body });
    },
    sendBatch: async (bodies) => {
      await boss.insert(bodies.map((body) => ({ name: queue, data: { body } })));
    },
    async consume({ onMessage, concurrency }) {
      let running = true;
      const loops = Array.from({ length: Math.min(concurrency, 8) }, async () => {
        while (running) {
          const jobs = await boss.fetch(queue, { batchSize: 100 });
          if (jobs.length === 0) {
            await new Promise((resolve) => setTimeout(resolve, pollingIntervalMs));
            continue;
          }
          for (const job of jobs) onMessage(job.data.body);
          await boss.complete(
            queue,
            jobs.map((job) => job.id),
          );
        }
      });
      return {
        async stop() {
          running = false;
          await Promise.all(loops);
        },
      };
    },
    async close() {
      await boss.deleteQueue(queue);
      await boss.stop({ graceful: false, wait: true });
    },
  };
}
