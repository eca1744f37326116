import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { HttpExchange } from './http-exchange.js';
import {
  LeanConnection,
  type HandOverReason,
  type LeanConnectionOwner,
  type LeanHttpOptions,
} from './lean-http.js';

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

/** The lean path (lean-http.ts): which POSTs it answers, and with what. */
export interface LeanRoute {
  /** The largest body the handler takes; bigger requests go through node:http. */
  readonly bodyBytesMax: number;
  readonly accepts: (url: string) => boolean;
  readonly handle: (exchange: HttpExchange) => void;
  /** Told each time a connection leaves the lean path for node:http (a metric). */
  readonly onHandOver?: (reason: HandOverReason) => void;
}

/**
 * A request not whole after this long leaves the lean path for node:http, whose header and
 * request timeouts then apply; the sweep looks twice per period.
 */
const partialRequestMsMax = 1000;

/**
 * A node:http server with the connection hygiene a public endpoint needs (timeouts, keep-alive
 * above load balancer idle times) and a graceful stop: stop accepting, let in-flight requests
 * finish up to a grace period, then close what is left.
 *
 * Given a lean route (and no TLS), a plain net server accepts the connections instead and reads
 * them on the lean path, which hands a connection to the node:http server (never listening
 * itself) the moment it sees a request it does not take.
 */
export class HttpListener {
  readonly #server: Server;
  readonly #front: NetServer | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #busySockets = new Set<Socket>();
  readonly #leanConnections = new Map<Socket, LeanConnection>();
  readonly #partialRequestMs: number;
  #sweep: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(options: ListenerOptions, handler: RequestHandler, lean?: LeanRoute) {
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
    this.#partialRequestMs = Math.min(partialRequestMsMax, options.headersTimeoutMs / 2);
    const track = (socket: Socket): void => {
      this.#sockets.add(socket);
      socket.on('close', () => {
        this.#sockets.delete(socket);
        this.#busySockets.delete(socket);
      });
    };
    if (lean === undefined || options.tls !== undefined) {
      this.#front = undefined;
      this.#server.maxConnections = options.connectionCountMax;
      // With TLS, requests arrive on the TLS socket, which 'secureConnection' hands over.
      this.#server.on(options.tls === undefined ? 'connection' : 'secureConnection', track);
      return;
    }
    const owner = this.#leanOwner(options, lean);
    // allowHalfOpen as node:http has it, so a handed-over socket behaves as one it accepted.
    this.#front = createNetServer({ allowHalfOpen: true }, (socket) => {
      track(socket);
      if (this.#stopping) {
        socket.destroy();
        return;
      }
      this.#leanConnections.set(socket, new LeanConnection(socket, owner));
    });
    this.#front.maxConnections = options.connectionCountMax;
  }

  #leanOwner(options: ListenerOptions, lean: LeanRoute): LeanConnectionOwner {
    const leanOptions: LeanHttpOptions = {
      headerBytesMax: options.headerBytesMax,
      bodyBytesMax: lean.bodyBytesMax,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs,
      accepts: lean.accepts,
    };
    return {
      options: leanOptions,
      handle: lean.handle,
      release: (connection) => this.#leanConnections.delete(connection.socket),
      handOver: (connection, reason) => {
        lean.onHandOver?.(reason);
        const socket = connection.socket;
        const chunks = connection.takeUnansweredBytes();
        for (let index = chunks.length - 1; index >= 0; index--) {
          socket.unshift(chunks[index]);
        }
        this.#server.emit('connection', socket);
        // node:http reads on once its listeners are on; a socket we paused must flow again.
        socket.resume();
      },
    };
  }

  get openConnectionCount(): number {
    return this.#sockets.size;
  }

  listen(port: number, host: string): Promise<{ host: string; port: number }> {
    const listening = this.#front ?? this.#server;
    return new Promise((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, host, () => {
        listening.off('error', reject);
        const address = listening.address();
        if (address === null || typeof address === 'string') {
          reject(new Error('server has no TCP address'));
          return;
        }
        if (this.#front !== undefined) {
          // node:http starts enforcing its header and request timeouts on 'listening'; the
          // connections handed to it need them although it never listens itself.
          this.#server.emit('listening');
          this.#sweep = setInterval(
            () => this.#handOverPartialRequests(),
            this.#partialRequestMs / 2,
          );
          this.#sweep.unref();
        }
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  /** Slow or trickling requests leave the lean path for node:http and its timeouts. */
  #handOverPartialRequests(): void {
    const startedBefore = performance.now() - this.#partialRequestMs;
    for (const connection of this.#leanConnections.values()) {
      const since = connection.partialSinceMs;
      if (since !== 0 && since < startedBefore) connection.handOverIfIdle('slow');
    }
  }

  /** Stops accepting connections; idle ones close now, busy ones after their response. */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#sweep);
    const front = this.#front;
    const closed = new Promise<void>((resolve) => (front ?? this.#server).close(() => resolve()));
    // The node:http server closes its idle handed-over connections and stops its timeout checks.
    if (front !== undefined) this.#server.close();
    for (const connection of this.#leanConnections.values()) connection.closeWhenIdle();
    for (const socket of this.#sockets) {
      if (!this.#busySockets.has(socket) && !this.#leanConnections.has(socket)) socket.end();
    }
    const timer = setTimeout(() => {
      for (const socket of this.#sockets) socket.destroy();
    }, graceMs);
    await closed;
    clearTimeout(timer);
  }
}
