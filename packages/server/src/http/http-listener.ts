import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';

export interface ListenerOptions {
  /** PEM certificate and key: serve HTTPS, TLS 1.2 or later. */
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
  /** Largest request header block; larger gets 431 and the connection closed. */
  readonly headerBytesMax: number;
  /** Time to receive the headers (slowloris) and the whole request; slower clients are cut off. */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** Connections beyond this are closed as they arrive. */
  readonly connectionCountMax: number;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A node:http server with the connection hygiene a public endpoint needs (timeouts, keep-alive
 * above load balancer idle times) and a graceful stop: stop accepting, let in-flight requests
 * finish up to a grace period, then close what is left.
 */
export class HttpListener {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #busySockets = new Set<Socket>();
  #stopping = false;

  constructor(options: ListenerOptions, handler: RequestHandler) {
    const serverOptions = {
      keepAliveTimeout: options.keepAliveTimeoutMs,
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      maxHeaderSize: options.headerBytesMax,
      // Node enforces the timeouts only on this interval (30 s by default): check 4 times per timeout.
      connectionsCheckingInterval: Math.max(
        100,
        Math.min(options.headersTimeoutMs, options.requestTimeoutMs) / 4,
      ),
    };
    const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
      const socket = request.socket;
      this.#busySockets.add(socket);
      response.on('close', () => {
        this.#busySockets.delete(socket);
        // During shutdown, a connection is closed as soon as its last request is answered.
        if (this.#stopping) socket.end();
      });
      if (this.#stopping) response.setHeader('connection', 'close');
      handler(request, response);
    };
    this.#server =
      options.tls === undefined
        ? createServer(serverOptions, onRequest)
        : createTlsServer({ ...serverOptions, ...options.tls, minVersion: 'TLSv1.2' }, onRequest);
    this.#server.maxConnections = options.connectionCountMax;
    // With TLS, requests arrive on the TLS socket, which 'secureConnection' hands over.
    const connectionEvent = options.tls === undefined ? 'connection' : 'secureConnection';
    this.#server.on(connectionEvent, (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => {
        this.#sockets.delete(socket);
        this.#busySockets.delete(socket);
      });
    });
  }

  get openConnectionCount(): number {
    return this.#sockets.size;
  }

  listen(port: number, host: string): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        const address = this.#server.address();
        if (address === null || typeof address === 'string') {
          reject(new Error('server has no TCP address'));
          return;
        }
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  /** Stops accepting connections; idle ones close now, busy ones after their response. */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) if (!this.#busySockets.has(socket)) socket.end();
    const timer = setTimeout(() => {
      for (const socket of this.#sockets) socket.destroy();
    }, graceMs);
    await closed;
    clearTimeout(timer);
  }
}
