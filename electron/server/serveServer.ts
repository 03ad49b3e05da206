import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PushedEvent } from '../../shared/contract';
import type { Core } from '../core/app/createCore';
import type { Logger } from '../core/app/platformActions';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedHost,
  isAllowedOrigin,
  TOKEN_COOKIE,
  tokenFromCookie,
  tokensMatch,
} from './serveSecurity';
import { ClientFrame } from './wireProtocol';

export interface ServeOptions {
  core: Core;
  staticDir: string;
  port?: number;
  token?: string;
  logger: Logger;
}

export interface RunningServer {
  url: string;
  /** The URL with the token, the one to open. */
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
/** A client this far behind gets a fresh snapshot instead of more patches. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Serve mode: the same core behind HTTP + WebSocket, on 127.0.0.1 only, with a token per start. */
export async function startServeServer(options: ServeOptions): Promise<RunningServer> {
  const { core, logger } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      logger.error('http handler failed', error);
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Host not allowed: open Switchyard through the 127.0.0.1 URL it printed.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!tokensMatch(token, queryToken)) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('Wrong token: open the URL Switchyard printed when it started.');
        return;
      }
      // Move the token from the URL into an HttpOnly cookie so it does not linger in history.
      res.writeHead(302, {
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname,
      });
      res.end();
      return;
    }
    const given = tokenFromCookie(req.headers.cookie) ?? headerToken(req);
    if (!tokensMatch(token, given)) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Switchyard needs its token: open the URL it printed when it started.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      return;
    }
    await serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
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

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, reason: string) => {
      socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (!isAllowedHost(req.headers.host, port)) return refuse(403, 'Forbidden');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden');
    const given = tokenFromCookie(req.headers.cookie) ?? url.searchParams.get('token');
    if (!tokensMatch(token, given)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    let resyncPending = false;
    const send = (frame: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = core.onEvent((event: PushedEvent) => {
      if (event.event === 'state.patch' && (resyncPending || ws.bufferedAmount > MAX_BUFFERED_BYTES)) {
        // Too far behind: skip patches and send one snapshot once the socket drained.
        if (!resyncPending) {
          resyncPending = true;
          const wait = setInterval(() => {
            if (ws.readyState !== ws.OPEN) return clearInterval(wait);
            if (ws.bufferedAmount < MAX_BUFFERED_BYTES / 4) {
              clearInterval(wait);
              resyncPending = false;
              send({ type: 'event', event: 'state.snapshot', payload: core.store.snapshot() });
            }
          }, 100);
        }
        return;
      }
      send({ type: 'event', event: event.event, payload: event.payload });
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    ws.on('message', (data, isBinary) => {
      void handleFrame(isBinary ? null : data.toString(), send);
    });
  }

  async function handleFrame(text: string | null, send: (frame: unknown) => void): Promise<void> {
    let json: unknown;
    try {
      json = text === null ? undefined : JSON.parse(text);
    } catch {
      send({ type: 'error', id: null, error: { code: 'bad_request', message: 'Frame is not valid JSON.' } });
      return;
    }
    const frame = ClientFrame.safeParse(json);
    if (!frame.success) {
      const id = json && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'number' ? (json as { id: number }).id : null;
      send({ type: 'error', id, error: { code: 'bad_request', message: 'Frame must be {type:"call", id, name, payload}.' } });
      return;
    }
    const result = await core.route(frame.data.name, frame.data.payload);
    send({ type: 'result', id: frame.data.id, result });
  }

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

function headerToken(req: IncomingMessage): string | null {
  const value = req.headers['x-switchyard-token'];
  return typeof value === 'string' ? value : null;
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}
