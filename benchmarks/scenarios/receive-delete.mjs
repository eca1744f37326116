// One ReceiveMessage (up to `count` messages) followed by one DeleteMessage per message received,
// as a consumer does; counts messages drained (requests are 1 + messages per cycle).
import { post } from '../lib/post.mjs';

const receiveHeaders = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'AmazonSQS.ReceiveMessage',
};
const deleteHeaders = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'AmazonSQS.DeleteMessage',
};
const deleteBatchHeaders = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'AmazonSQS.DeleteMessageBatch',
};

export default {
  async setup({ options }) {
    return {
      queueUrl: options.queueUrl,
      batch: options.batch === true,
      receiveBody: JSON.stringify({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: options.count ?? 1,
      }),
    };
  },
  async request({ pool, state }) {
    const { statusCode, text } = await post(pool, {
      headers: receiveHeaders,
      body: state.receiveBody,
    });
    if (statusCode !== 200) throw new Error(`receive status ${statusCode}: ${text}`);
    const messages = JSON.parse(text).Messages ?? [];
    if (messages.length === 0) return 0;
    if (state.batch) {
      const body = JSON.stringify({
        QueueUrl: state.queueUrl,
        Entries: messages.map((message, index) => ({
          Id: `d${index}`,
          ReceiptHandle: message.ReceiptHandle,
        })),
      });
      const deleted = await post(pool, { headers: deleteBatchHeaders, body });
      if (deleted.statusCode !== 200)
        throw new Error(`delete status ${deleted.statusCode}: ${deleted.text}`);
    } else {
      for (const message of messages) {
        const body = JSON.stringify({
          QueueUrl: state.queueUrl,
          ReceiptHandle: message.ReceiptHandle,
        });
        const deleted = await post(pool, { headers: deleteHeaders, body });
        if (deleted.statusCode !== 200)
          throw new Error(`delete status ${deleted.statusCode}: ${deleted.text}`);
      }
    }
    return messages.length;
  },
};
