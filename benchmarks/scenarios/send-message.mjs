// SendMessage one at a time over the AWS JSON 1.0 protocol, as the current AWS SDKs send it.
import { post } from '../lib/post.mjs';

const headers = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'AmazonSQS.SendMessage',
};

export default {
  async setup({ options }) {
    return {
      body: JSON.stringify({
        QueueUrl: options.queueUrl,
        MessageBody: 'x'.repeat(options.messageBytes ?? 1024),
      }),
      path: options.path ?? '/',
    };
  },
  async request({ pool, state }) {
    const { statusCode, text } = await post(pool, { path: state.path, headers, body: state.body });
    if (statusCode !== 200) throw new Error(`status ${statusCode}: ${text}`);
    return 1;
  },
};
