import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One hook call from Claude Code: the event name and the JSON it POSTed (formats.md §1.5). */
export interface HookCall {
  event: string;
  sessionId: string | null;
  transcriptPath: string | null;
  cwd: string | null;
  notificationType: string | null;
  body: Record<string, unknown>;
}

const MAX_BODY = 256 * 1024;
const TOKEN = /^\/hooks\/([A-Za-z0-9_-]{20,128})$/;

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Pure: the hook JSON → what Switchyard uses of it. */
export function parseHookBody(body: unknown): HookCall | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  const event = str(o['hook_event_name']);
  if (!event) return null;
  return { event, sessionId: str(o['session_id']), transcriptPath: str(o['transcript_path']), cwd: str(o['cwd']), notificationType: str(o['notification_type']), body: o };
}

/**
 * The local endpoint launched sessions' hooks POST to: 127.0.0.1 only, a random per-session token in
 * the path (compared in constant time), the Host header must name this loopback port, and any request
 * a browser could send across origins (an Origin header) is refused.
 */
export class HookEndpoint {
  private server: Server | null = null;
  private port = 0;
  private readonly handlers = new Map<string, (call: HookCall) => void>();

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** A fresh token for one session; its URL goes into that session's settings file. */
  register(handler: (call: HookCall) => void): { token: string; url: string; release(): void } {
    const token = randomBytes(24).toString('base64url');
    this.handlers.set(token, handler);
    return { token, url: `http://127.0.0.1:${this.port}/hooks/${token}`, release: () => this.handlers.delete(token) };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.handlers.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handlerFor(token: string): ((call: HookCall) => void) | null {
    const given = Buffer.from(token);
    for (const [known, handler] of this.handlers) {
      const k = Buffer.from(known);
      if (k.length === given.length && timingSafeEqual(k, given)) return handler;
    }
    return null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const deny = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(message);
    };
    if (req.method !== 'POST') return deny(405, 'POST only');
    if (req.headers.host !== `127.0.0.1:${this.port}` && req.headers.host !== `localhost:${this.port}`) return deny(403, 'wrong host');
    if (req.headers.origin !== undefined) return deny(403, 'no cross-origin calls');
    const m = TOKEN.exec(req.url ?? '');
    const handler = m?.[1] ? this.handlerFor(m[1]) : null;
    if (!handler) return deny(404, 'unknown hook');
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        deny(413, 'too large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return;
      let call: HookCall | null = null;
      try {
        call = parseHookBody(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        call = null;
      }
      if (!call) return deny(400, 'not a hook event');
      // An empty 200 tells Claude Code "carry on" (hooks must never block the session).
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      try {
        handler(call);
      } catch {
        // a failing listener must not break the session's hook
      }
    });
  }
}
