// Every row of the peer comparison: what it runs, its client, and whether an acknowledged send
// has been fsynced (the column the issue asks every row to state).
import { bullmq } from './bullmq.mjs';
import { openNats } from './nats.mjs';
import { openPgBoss } from './pg-boss.mjs';
import { rabbitmq } from './rabbitmq.mjs';
import { baseline, sluiceUndici } from './sluice.mjs';
import { sluiceSdk } from './sluice-sdk.mjs';

/** @type {Record<string, { label: string, client: string, fsyncBeforeAck: boolean, durability: string, open: (context: object) => (queue: string) => Promise<object> }>} */
export const rows = {
  baseline: {
    label: 'node:http POST baseline',
    client: 'undici',
    fsyncBeforeAck: false,
    durability: 'stores nothing (physical ceiling)',
    open: baseline,
  },
  floor: {
    label: 'durable floor (least work)',
    client: 'undici',
    fsyncBeforeAck: true,
    durability:
      'O_DSYNC group commit before a send is answered; MD5, id and CRC32C per message; receives and deletes logged, not waited for; nothing else (physical floor)',
    // The baseline's client, with the lean client's consumers for the drain.
    open: (context) => baseline(context, { withConsumers: true }),
  },
  'sluice-undici': {
    label: 'Sluice',
    client: 'undici (lean)',
    fsyncBeforeAck: true,
    durability: 'fsync (group commit) before the send is answered',
    open: sluiceUndici,
  },
  'sluice-sdk': {
    label: 'Sluice',
    client: 'AWS SDK v3',
    fsyncBeforeAck: true,
    durability: 'fsync (group commit) before the send is answered',
    open: sluiceSdk,
  },
  'rabbitmq-quorum': {
    label: 'RabbitMQ 3.10 quorum queue',
    client: 'amqplib, confirms + acks',
    fsyncBeforeAck: true,
    durability: 'Raft WAL fsynced before the publisher confirm',
    open: () => rabbitmq('quorum'),
  },
  'rabbitmq-classic': {
    label: 'RabbitMQ 3.10 classic durable queue',
    client: 'amqplib, confirms + acks',
    fsyncBeforeAck: true,
    durability: 'persistent messages; confirm after the message store fsync (batched)',
    open: () => rabbitmq('classic'),
  },
  'nats-jetstream': {
    label: 'NATS 2.9 JetStream, file storage',
    client: 'nats.js',
    fsyncBeforeAck: false,
    durability:
      'written, not fsynced before the PubAck (2.9 has no sync_always; syncs every 2 min)',
    open: () => openNats,
  },
  'bullmq-always': {
    label: 'Redis 7 + BullMQ, appendfsync always',
    client: 'bullmq + ioredis',
    fsyncBeforeAck: true,
    durability: 'AOF fsynced before the reply',
    open: () => bullmq('always'),
  },
  'bullmq-everysec': {
    label: 'Redis 7 + BullMQ, appendfsync everysec',
    client: 'bullmq + ioredis',
    fsyncBeforeAck: false,
    durability: 'AOF fsynced once a second, not before the reply',
    open: () => bullmq('everysec'),
  },
  'pg-boss': {
    label: 'PostgreSQL 15 + pg-boss 10',
    client: 'pg-boss',
    fsyncBeforeAck: true,
    durability: 'synchronous_commit on: WAL fsynced before the commit returns',
    open: () => openPgBoss,
  },
};
