import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SOCKET_PROTOCOL, tokenProtocol } from '../../shared/contract/socketAuth';
import type { Core } from '../core/app/createCore';
import type { RunningServer } from './serveServer';
import { startTestServeServer } from './testing/testServeServer';

let core: Core;
let server: RunningServer;

beforeAll(async () => {
  ({ core, server } = await startTestServeServer('sy-serve-'));
});
afterAll(async () => {
  await server.close();
  await core.stop();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(headers: Record<string, string>, protocols: string[] = [SOCKET_PROTOCOL, tokenProtocol(server.token)]): Promise<{ ws: WebSocket | null; status: number | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, { headers });
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws: null, status: res.statusCode ?? null }));
    ws.once('error', () => resolve({ ws: null, status: -1 }));
  });
}

const origin = () => `http://127.0.0.1:${server.port}`;

describe('serve mode security', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the app shell without the token (it holds no secret), with its security headers', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Switchyard');
    expect(page.body).not.toContain(server.token);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { Host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses a WebSocket upgrade from a foreign Origin, without the token protocol, or with a foreign Host', async () => {
    expect((await openSocket({ Origin: 'http://evil.example' })).status).toBe(403);
    expect((await openSocket({ Origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await openSocket({ Origin: origin() }, [SOCKET_PROTOCOL])).status).toBe(401);
    expect((await openSocket({ Origin: origin(), Host: 'evil.example' })).status).toBe(403);
  });

  it('answers a malformed message with an error and keeps serving', async () => {
    const { ws } = await openSocket({ Origin: origin() });
    expect(ws).not.toBeNull();
    if (!ws) return;
    const replies: Array<Record<string, unknown>> = [];
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame.type !== 'event') replies.push(frame);
    });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100 && replies.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    };
    ws.send('this is not json');
    ws.send(JSON.stringify({ type: 'call', id: 7, name: 42 }));
    ws.send(JSON.stringify({ type: 'call', id: 8, name: 'settings.update', payload: { theme: 'purple' } }));
    ws.send(JSON.stringify({ type: 'call', id: 9, name: 'app.snapshot', payload: {} }));
    await waitFor(4);
    expect(replies[0]).toMatchObject({ type: 'error', id: null, error: { code: 'bad_request' } });
    expect(replies[1]).toMatchObject({ type: 'error', id: 7, error: { code: 'bad_request' } });
    expect(replies[2]).toMatchObject({ type: 'result', id: 8, result: { ok: false, error: { code: 'bad_request' } } });
    expect(replies[3]).toMatchObject({ type: 'result', id: 9, result: { ok: true } });
    ws.close();
  });

  it('serve mode refuses to open folders on the host machine', async () => {
    expect(await core.route('shell.open', { path: '/tmp', with: 'terminal' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
