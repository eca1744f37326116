// SendMessageBatch of 10 messages per request over the JSON protocol; counts messages.
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
    const response = await pool.request({ method: 'POST', path: '/', headers, body: state.body });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${text}`);
    return 10;
  },
};
