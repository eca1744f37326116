// Sluice through a lean undici client over the SQS JSON protocol (the server's ceiling), and the
// plain node:http baseline driven by the same client. Consumers long-poll ReceiveMessage for up
// to 10 messages and delete them with one DeleteMessageBatch.
import { Pool } from 'undici';
import { post } from '../lib/post.mjs';
import { consumeLoops } from './consume-loops.mjs';

const headers = (action) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `AmazonSQS.${action}`,
});
const longPollSeconds = 1;

/** One SQS JSON-protocol call; resolves the answer's text, throws on any status but 200. */
async function callAction(dispatcher, action, input) {
  const { statusCode, text } = await post(dispatcher, {
    headers: headers(action),
    body: JSON.stringify(input),
  });
  if (statusCode !== 200) throw new Error(`${action} ${statusCode} ${text}`);
  return text;
}

export function sluiceUndici({ url, connections }) {
  return async function open(queue) {
    const pool = new Pool(url, { connections, pipelining: 1 });
    const call = (action, input, through = pool) => callAction(through, action, input);
    const queueUrl = JSON.parse(await call('CreateQueue', { QueueName: queue })).QueueUrl;
    return {
      send: (body) => call('SendMessage', { QueueUrl: queueUrl, MessageBody: body }),
      sendBatch: (bodies) =>
        call('SendMessageBatch', {
          QueueUrl: queueUrl,
          Entries: bodies.map((body, index) => ({ Id: `e${index}`, MessageBody: body })),
        }),
      consume: consumer(url, queueUrl),
      async close() {
        await call('DeleteQueue', { QueueUrl: queueUrl });
        await pool.close();
      },
    };
  };
}

/**
 * The plain node:http POST handler (parses the JSON body and answers, stores nothing), and the
 * durable floor (lib/durable-floor-server.mjs), which also has consumers: neither has queues to
 * create, so the queue URL is made up.
 */
export function baseline({ url, connections }, { withConsumers = false } = {}) {
  return async function open(queue) {
    const pool = new Pool(url, { connections, pipelining: 1 });
    const queueUrl = `${url}/000000000000/${queue}`;
    return {
      send: (body) => callAction(pool, 'SendMessage', { QueueUrl: queueUrl, MessageBody: body }),
      sendBatch: (bodies) =>
        callAction(pool, 'SendMessageBatch', {
          QueueUrl: queueUrl,
          Entries: bodies.map((body, index) => ({ Id: `e${index}`, MessageBody: body })),
        }),
      consume: withConsumers ? consumer(url, queueUrl) : undefined,
      close: () => pool.close(),
    };
  };
}

/**
 * Consumers over the SQS JSON protocol (consume-loops.mjs): long-polling ReceiveMessage for up
 * to 10 messages, each batch deleted with one DeleteMessageBatch.
 */
function consumer(url, queueUrl) {
  return async function consume({ onMessage, concurrency }) {
    // Consumers get connections of their own, as a consumer process would (and as an AMQP
    // channel is): in a shared pool, their requests would queue behind the senders'.
    const consumerPool = new Pool(url, { connections: concurrency * 2, pipelining: 1 });
    const call = (action, input) => callAction(consumerPool, action, input);
    const receive = {
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: longPollSeconds,
    };
    const loops = consumeLoops({
      concurrency,
      onMessage,
      receive: async () => JSON.parse(await call('ReceiveMessage', receive)).Messages ?? [],
      deleteBatch: (entries) =>
        call('DeleteMessageBatch', { QueueUrl: queueUrl, Entries: entries }),
    });
    return {
      async stop() {
        await loops.stop();
        await consumerPool.close();
      },
    };
  };
}
