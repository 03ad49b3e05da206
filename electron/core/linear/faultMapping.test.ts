import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinearGateway, LinearRequestError } from './linearGateway';
import type { LinearFault } from './testServer/faults';
import { startLinearTestServer, type LinearTestServer } from './testServer/server';

let server: LinearTestServer;
beforeAll(async () => {
  server = await startLinearTestServer();
});
afterAll(async () => {
  await server.close();
});

async function failureOf(p: Promise<unknown>): Promise<LinearRequestError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LinearRequestError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('every injected fault reaches the UI as its connection state (through the real SDK)', () => {
  const cases: { fault: LinearFault; kind: string }[] = [
    { fault: { kind: 'http-429', retryAfterSec: 30 }, kind: 'rate-limited' },
    { fault: { kind: 'ratelimit-400', resetInMs: 90_000 }, kind: 'rate-limited' },
    { fault: { kind: 'http-500' }, kind: 'linear-down' },
    { fault: { kind: 'http-503' }, kind: 'linear-down' },
    { fault: { kind: 'invalid-key' }, kind: 'bad-key' },
    { fault: { kind: 'forbidden' }, kind: 'no-access' },
    { fault: { kind: 'drop' }, kind: 'offline' },
    { fault: { kind: 'slow', delayMs: 800 }, kind: 'offline' },
  ];

  it.each(cases)('$fault.kind → $kind', async ({ fault, kind }) => {
    const gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url, timeoutMs: 300 });
    server.faults.next(fault);
    const err = await failureOf(gateway.fetchPlanPage({ id: 'ENG-1', first: 100 }));
    expect(err.connection.kind).toBe(kind);
    if (kind === 'rate-limited') {
      const until = Date.parse(err.connection.until ?? '');
      expect(until).toBeGreaterThan(Date.now() + 20_000);
      expect(err.budget?.requestsRemaining).toBe(0);
      // Let the server's rate-limit window pass for the next case.
      server.faults.clear();
      server.resetRateLimit();
    }
    if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, 600));
  });

  it('a wrong key (sent as `Authorization: <key>`, no Bearer) → bad-key', async () => {
    const gateway = createLinearGateway({ apiKey: 'lin_api_wrong', apiUrl: server.url });
    expect((await failureOf(gateway.viewer())).connection.kind).toBe('bad-key');
  });

  it('an unknown master issue → no-access', async () => {
    const other = await startLinearTestServer();
    try {
      const gateway = createLinearGateway({ apiKey: other.apiKey, apiUrl: other.url });
      expect((await failureOf(gateway.fetchPlanPage({ id: 'ENG-999', first: 100 }))).connection.kind).toBe('no-access');
    } finally {
      await other.close();
    }
  });

  it('nothing listening → offline', async () => {
    const other = await startLinearTestServer();
    const url = other.url;
    await other.close();
    const gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: url });
    expect((await failureOf(gateway.viewer())).connection.kind).toBe('offline');
  });

  it('success carries the rate budget from the headers', async () => {
    const other = await startLinearTestServer({ rateLimit: { resetUnit: 's' } });
    try {
      const gateway = createLinearGateway({ apiKey: other.apiKey, apiUrl: other.url });
      const { budget } = await gateway.viewer();
      expect(budget?.requestsLimit).toBe(2500);
      expect(budget?.requestsRemaining).toBe(2499);
      expect(budget?.lastComplexity).toBeGreaterThan(0);
      // Reset sent in seconds, normalised to epoch ms.
      expect(budget?.requestsResetAt).toBeGreaterThan(Date.now() + 3_500_000);
      expect(gateway.lastBudget()).toEqual(budget);
    } finally {
      await other.close();
    }
  });
});
