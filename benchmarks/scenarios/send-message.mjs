// SendMessage one at a time over the AWS JSON 1.0 protocol, as the current AWS SDKs send it.
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
    const response = await pool.request({
      method: 'POST',
      path: state.path,
      headers,
      body: state.body,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${text}`);
    return 1;
  },
};
