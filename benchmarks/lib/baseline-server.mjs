// The physical ceiling for the HTTP benchmarks: a plain node:http server that reads a POST body,
// parses it as JSON and answers a small JSON document, as an SQS SendMessage handler minimally
// must. Measured in the same run as Sluice so the two numbers can be compared as a ratio.
import { createServer } from 'node:http';

const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let parsed;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400).end();
      return;
    }
    const body = JSON.stringify({
      MD5OfMessageBody: '0123456789abcdef0123456789abcdef',
      MessageId: String(parsed.QueueUrl ?? '')
        .length.toString()
        .padStart(36, '0'),
    });
    response.writeHead(200, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
