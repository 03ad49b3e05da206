import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/app/createCore';
import type { Logger } from '../core/app/platformActions';
import { SOCKET_PROTOCOL } from '../../shared/contract/socketAuth';
import { CONTENT_SECURITY_POLICY, isAllowedHost, isAllowedOrigin, tokenFromProtocols, tokensMatch } from './serveSecurity';
import { DEFAULT_SOCKET_LIMITS, runSocketSession, type SocketLimits } from './socketSession';

export interface ServeOptions {
  core: Core;
  staticDir: string;
  port?: number;
  token?: string;
  logger: Logger;
  /** Per-socket bounds (tests lower them); the defaults are DEFAULT_SOCKET_LIMITS. */
  limits?: Partial<SocketLimits>;
}

export interface RunningServer {
  url: string;
  /** The URL with the token, the one to open; the page keeps the token and clears it from the address bar. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
/** Sockets at once: the page, a few tabs, the tests; a local process opening thousands is refused. */
const MAX_CLIENTS = 32;
/** Why a request could not be served; thrown by the handlers, answered with its status. */
class BadRequest extends Error {}

/**
 * Serve mode: the same core behind HTTP + WebSocket, on 127.0.0.1 only, with a token per start.
 * The static app shell is public (it holds no secret); everything that reads or changes state goes
 * over the WebSocket, which needs the token as a subprotocol (shared/contract/socketAuth).
 */
export async function startServeServer(options: ServeOptions): Promise<RunningServer> {
  const { core, logger } = options;
  const limits: SocketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      if (!(error instanceof BadRequest)) logger.error('http handler failed', error);
      if (res.headersSent) res.destroy();
      else res.writeHead(error instanceof BadRequest ? 400 : 500, { 'content-type': 'text/plain' }).end(error instanceof BadRequest ? 'Bad request' : 'Internal error');
    });
  });
  // A client that sends garbage gets 400 from Node; a socket error must never become an uncaught one.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    // Select only the public protocol name, so the token is never echoed back.
    handleProtocols: (protocols) => (protocols.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
  });
  wss.on('error', (error) => logger.error('websocket server error', error));

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Host not allowed: open Switchyard through the 127.0.0.1 URL it printed.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const url = parseTarget(req.url);
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      return;
    }
    await serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new BadRequest('path does not percent-decode');
    }
    const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const full = normalize(join(options.staticDir, rel));
    if (!full.startsWith(normalize(options.staticDir) + sep)) {
      res.writeHead(404).end();
      return;
    }
    let file = full;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
    } catch {
      // Client-side routes fall back to the app shell.
      if (extname(rel) !== '') {
        res.writeHead(404).end();
        return;
      }
      file = join(options.staticDir, 'index.html');
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600' });
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws takes the socket over, a reset by the client would be an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, reason: string) => {
      if (socket.writable) socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    try {
      const url = parseTarget(req.url);
      if (url.pathname !== '/ws') return refuse(404, 'Not Found');
      if (!isAllowedHost(req.headers.host, port)) return refuse(403, 'Forbidden');
      if (!isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden');
      if (!tokensMatch(token, tokenFromProtocols(req.headers['sec-websocket-protocol']))) return refuse(401, 'Unauthorized');
      if (wss.clients.size >= MAX_CLIENTS) return refuse(503, 'Service Unavailable');
      wss.handleUpgrade(req, socket, head, (ws) => runSocketSession(ws, core, logger, limits));
    } catch (error) {
      if (!(error instanceof BadRequest)) logger.error('websocket upgrade failed', error);
      refuse(400, 'Bad Request');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request-target as a URL; anything `new URL` refuses is the client's fault, not ours. */
function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    throw new BadRequest('request-target does not parse');
  }
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}
