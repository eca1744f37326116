// SendMessageBatch of 10 messages per request over the JSON protocol; counts messages.
import { post } from '../lib/post.mjs';

const headers = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'AmazonSQS.SendMessageBatch',
};

export default {
  async setup({ options }) {
    const body = 'x'.repeat(options.messageBytes ?? 1024);
    return {
      body: JSON.stringify({
        QueueUrl: options.queueUrl,
        Entries: Array.from({ length: 10 }, (_, index) => ({ Id: `e${index}`, MessageBody: body })),
      }),
    };
  },
  async request({ pool, state }) {
    const { statusCode, text } = await post(pool, { headers, body: state.body });
    if (statusCode !== 200) throw new Error(`status ${statusCode}: ${text}`);
    return 10;
  },
};
