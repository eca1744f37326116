// The consumers of the SQS rows (the lean client, the AWS SDK, the durable floor), the same loop
// whatever the client, so that the rows differ only in the client.

/**
 * Starts `concurrency` consumer loops. Each receives up to 10 messages (`receive()` resolves
 * them, { Body, ReceiptHandle } each, [] when none came), hands each body to `onMessage`, and
 * deletes them with one DeleteMessageBatch (`deleteBatch(entries)`). The delete is not waited for
 * before the next receive (at most one outstanding per loop), as AMQP and NATS consumers send
 * their acks without a round trip. Returns { stop() }, which ends the loops after their current
 * receive and waits for their last deletes.
 */
export function consumeLoops({ concurrency, onMessage, receive, deleteBatch }) {
  let running = true;
  const loops = Array.from({ length: concurrency }, async () => {
    let deleting = Promise.resolve();
    while (running) {
      const messages = await receive();
      if (messages.length === 0) continue;
      for (const message of messages) onMessage(message.Body);
      await deleting;
      deleting = deleteBatch(
        messages.map((message, index) => ({
          Id: `d${index}`,
          ReceiptHandle: message.ReceiptHandle,
        })),
      );
      // Seen by the next `await deleting`; until then it must not count as unhandled.
      deleting.catch(() => undefined);
    }
    await deleting;
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
