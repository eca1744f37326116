// One HTTP POST through an undici dispatcher (Pool or Client), with the response body collected
// as text. It uses undici's `dispatch` handler API instead of `request`: `request` wraps every
// response body in a Readable stream, and the load generator's core paid for it. Measured on
// this machine (analysis.md §1.9): 31 to 33 µs of client CPU per SendMessage with `request`
// against 27 to 28 µs with `dispatch`, and the node:http baseline was capped by the client's
// core, not its server's.

/**
 * POSTs `body` (string or Buffer) and resolves { statusCode, text }; rejects on a connection
 * error. The status is not checked here: callers decide what an answer they did not want means.
 */
export function post(dispatcher, { path = '/', headers, body }) {
  return new Promise((resolve, reject) => {
    let statusCode = 0;
    const chunks = [];
    dispatcher.dispatch(
      { method: 'POST', path, headers, body },
      {
        onRequestStart() {},
        onResponseStart(_controller, status) {
          statusCode = status;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
          resolve({ statusCode, text });
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      },
    );
  });
}
