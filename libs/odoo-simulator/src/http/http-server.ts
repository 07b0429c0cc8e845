/* The listening socket and its routes. An outage really closes the port (clients get
 * ECONNREFUSED, open keep-alive connections are cut) and reopens the same port later. */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { hasJson2 } from '../version-profile';
import { Runtime } from '../rpc/runtime';
import { handleJson2 } from './json2-endpoint';
import { handleJsonRpc } from './jsonrpc-endpoint';
import { sendNotFoundPage, sendText } from './responses';
import { sendVersion } from './version-endpoint';

export class SimulatorHttpServer {
  private server: Server | undefined;
  private boundPort = 0;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly runtime: Runtime,
    private readonly host: string,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  /** Listens on `port` (0 = any free port, then kept for reopening after an outage). */
  async listen(port: number): Promise<number> {
    if (this.server) return this.boundPort;
    const server = createServer((req, res) => void this.route(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as { port: number }).port;
    return this.boundPort;
  }

  /** Stops listening and cuts every open connection, answered or not. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Closes the port now; reopens it after `ms` when given (else call reopen()). */
  async outage(ms?: number): Promise<void> {
    await this.close();
    if (ms !== undefined) this.later(ms, () => void this.listen(this.boundPort));
  }

  async reopen(): Promise<void> {
    await this.listen(this.boundPort);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? '/', 'http://simulator').pathname;
      if (path === '/jsonrpc') return await handleJsonRpc(this.runtime, req, res, this.hold);
      if (path === '/json/2' || path.startsWith('/json/2/')) {
        if (!hasJson2(this.runtime.version)) return sendNotFoundPage(res);
        return await handleJson2(this.runtime, req, res, path, this.hold);
      }
      if ((path === '/json/version' || path === '/web/version') && req.method === 'GET') return sendVersion(res, this.runtime.version);
      sendNotFoundPage(res);
    } catch (error) {
      if (!res.headersSent) sendText(res, 500, `Internal Server Error: ${(error as Error).message}`);
    }
  }

  // A held request gets no answer: after `ms` its connection is dropped, without `ms` it waits
  // until the client gives up or the server closes.
  private readonly hold = (res: ServerResponse, ms?: number): void => {
    if (ms !== undefined) this.later(ms, () => res.socket?.destroy());
  };

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}
