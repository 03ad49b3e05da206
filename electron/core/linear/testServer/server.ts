import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildSchema, execute, Kind, parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { estimateComplexity } from './complexity';
import { FaultController, type LinearFault } from './faults';
import { createRootValue } from './resolvers';
import { LinearTestStore, seedDefault } from './store';

/**
 * A local Linear-compatible GraphQL server (subset schema) for tests and benchmarks.
 * Binds 127.0.0.1 only. Speaks Linear's auth, rate-limit headers and error shapes.
 */

export const TEST_API_KEY = 'lin_api_switchyard_test_key';

export interface RequestLogEntry {
  at: number;
  operationName: string | null;
  operation: 'query' | 'mutation' | 'unknown';
  variables: Record<string, unknown>;
  complexity: number;
  status: number | 'dropped';
  fault: LinearFault['kind'] | 'rate-limited' | null;
}

export interface LinearTestServerOptions {
  port?: number;
  /** Fill the store; defaults to `seedDefault`. */
  seed?: (store: LinearTestStore) => void;
  /** Accepted personal API keys (sent as `Authorization: <key>`). */
  apiKeys?: string[];
  /** Server time (for timestamps and rate-limit resets). */
  now?: () => number;
  rateLimit?: { requests?: number; complexity?: number; windowMs?: number; resetUnit?: 'ms' | 's' };
}

export interface LinearTestServer {
  url: string;
  apiKey: string;
  store: LinearTestStore;
  faults: FaultController;
  /** Every request received, in order (including faulted and rejected ones). */
  log: RequestLogEntry[];
  requestCount(): number;
  /** Forget rate-limit usage and any rate-limit block (tests). */
  resetRateLimit(): void;
  close(): Promise<void>;
}

let cachedSchema: GraphQLSchema | null = null;
/**
 * Beside this module in source; a bundled build (serve mode's out/server, the demo in Electron dev)
 * runs from elsewhere, so fall back to the source tree under the working directory.
 */
function readSubsetSdl(): string {
  try {
    return readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
  } catch {
    return readFileSync(join(process.cwd(), 'electron', 'core', 'linear', 'testServer', 'schema.graphql'), 'utf8');
  }
}
export function loadSubsetSchema(): GraphQLSchema {
  if (!cachedSchema) cachedSchema = buildSchema(readSubsetSdl());
  return cachedSchema;
}

function errorBody(message: string, extensions: Record<string, unknown>): string {
  return JSON.stringify({ errors: [{ message, extensions }] });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startLinearTestServer(options: LinearTestServerOptions = {}): Promise<LinearTestServer> {
  const now = options.now ?? (() => Date.now());
  const store = new LinearTestStore(now);
  (options.seed ?? seedDefault)(store);
  const faults = new FaultController();
  const apiKeys = new Set(options.apiKeys ?? [TEST_API_KEY]);
  const schema = loadSubsetSchema();
  const rootValue = createRootValue(store);
  const log: RequestLogEntry[] = [];
  const limits = {
    requests: options.rateLimit?.requests ?? 2500,
    complexity: options.rateLimit?.complexity ?? 3_000_000,
    windowMs: options.rateLimit?.windowMs ?? 3_600_000,
    resetUnit: options.rateLimit?.resetUnit ?? 'ms',
  };
  const parsed = new Map<string, DocumentNode | null>();
  const validated = new Map<string, readonly GraphQLError[]>();
  const parseCached = (query: string): DocumentNode | null => {
    if (!parsed.has(query)) {
      try {
        parsed.set(query, parse(query));
      } catch {
        parsed.set(query, null);
      }
    }
    return parsed.get(query) ?? null;
  };
  const validateCached = (query: string, doc: DocumentNode): readonly GraphQLError[] => {
    let errors = validated.get(query);
    if (!errors) {
      errors = validate(schema, doc);
      validated.set(query, errors);
    }
    return errors;
  };
  let windowStart: number | null = null;
  let usedRequests = 0;
  let usedComplexity = 0;
  let blockedUntil = 0;

  const resetValue = (t: number): string => String(limits.resetUnit === 's' ? Math.ceil(t / 1000) : t);

  const rollWindow = (): number => {
    const t = now();
    if (windowStart === null || t >= windowStart + limits.windowMs) {
      windowStart = t;
      usedRequests = 0;
      usedComplexity = 0;
    }
    return windowStart + limits.windowMs;
  };

  const rateHeaders = (res: ServerResponse, resetAt: number, exhausted: boolean): void => {
    res.setHeader('X-RateLimit-Requests-Limit', String(limits.requests));
    res.setHeader('X-RateLimit-Requests-Remaining', String(exhausted ? 0 : Math.max(0, limits.requests - usedRequests)));
    res.setHeader('X-RateLimit-Requests-Reset', resetValue(resetAt));
    res.setHeader('X-RateLimit-Complexity-Limit', String(limits.complexity));
    res.setHeader('X-RateLimit-Complexity-Remaining', String(exhausted ? 0 : Math.max(0, limits.complexity - usedComplexity)));
    res.setHeader('X-RateLimit-Complexity-Reset', resetValue(resetAt));
  };

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void => {
    res.statusCode = status;
    res.setHeader('Content-Type', type);
    res.end(body);
  };

  const rateLimitedReply = (res: ServerResponse, status: 400 | 429, resetAt: number): void => {
    rateHeaders(res, resetAt, true);
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil((resetAt - now()) / 1000))));
    const ext: Record<string, unknown> = { code: 'RATELIMITED', statusCode: status, userPresentableMessage: 'Rate limit exceeded.' };
    if (status === 429) ext.type = 'ratelimited';
    send(res, status, errorBody('Rate limit exceeded', ext));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    let query = '';
    let variables: Record<string, unknown> = {};
    let operationName: string | null = null;
    try {
      const body: unknown = JSON.parse(raw);
      if (typeof body === 'object' && body !== null) {
        const b = body as Record<string, unknown>;
        query = typeof b.query === 'string' ? b.query : '';
        variables = typeof b.variables === 'object' && b.variables !== null ? (b.variables as Record<string, unknown>) : {};
        operationName = typeof b.operationName === 'string' ? b.operationName : null;
      }
    } catch {
      // fall through with an empty query
    }
    const doc = parseCached(query);
    const opDef = doc?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation = opDef && opDef.kind === Kind.OPERATION_DEFINITION ? opDef.operation : undefined;
    const entry: RequestLogEntry = {
      at: now(),
      operationName: operationName ?? (opDef && opDef.kind === Kind.OPERATION_DEFINITION ? opDef.name?.value ?? null : null),
      operation: operation === 'query' || operation === 'mutation' ? operation : 'unknown',
      variables,
      complexity: 0,
      status: 200,
      fault: null,
    };
    log.push(entry);

    const fault = faults.take(entry.operation === 'mutation');
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === 'slow') await sleep(fault.delayMs);
    if (fault?.kind === 'drop') {
      entry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    const resetAt = rollWindow();
    if (fault?.kind === 'http-429' || fault?.kind === 'ratelimit-400') {
      const until = now() + (fault.kind === 'http-429' && fault.retryAfterSec !== undefined ? fault.retryAfterSec * 1000 : fault.resetInMs ?? 60_000);
      blockedUntil = Math.max(blockedUntil, until);
      entry.status = fault.kind === 'http-429' ? 429 : 400;
      rateLimitedReply(res, fault.kind === 'http-429' ? 429 : 400, until);
      return;
    }
    if (fault?.kind === 'http-500') {
      entry.status = 500;
      send(res, 500, errorBody('Internal server error', { type: 'internal error', code: 'INTERNAL_SERVER_ERROR', statusCode: 500 }));
      return;
    }
    if (fault?.kind === 'http-503') {
      entry.status = 503;
      send(res, 503, '<html><body>503 Service Unavailable</body></html>', 'text/html');
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (fault?.kind === 'invalid-key' || !apiKeys.has(auth)) {
      entry.status = 401;
      send(
        res,
        401,
        errorBody('Authentication required, not authenticated', {
          type: 'authentication error',
          code: 'AUTHENTICATION_ERROR',
          statusCode: 401,
          userError: true,
          userPresentableMessage: 'Authentication required, not authenticated.',
        }),
      );
      return;
    }
    if (fault?.kind === 'forbidden') {
      entry.status = 403;
      send(
        res,
        403,
        errorBody('Forbidden', { type: 'forbidden', code: 'FORBIDDEN', statusCode: 403, userError: true, userPresentableMessage: 'You do not have access to this resource.' }),
      );
      return;
    }
    if (now() < blockedUntil) {
      entry.status = 400;
      entry.fault = 'rate-limited';
      rateLimitedReply(res, 400, blockedUntil);
      return;
    }
    if (!doc) {
      entry.status = 400;
      send(res, 400, errorBody('Syntax error in query', { type: 'graphql error', code: 'GRAPHQL_PARSE_FAILED', statusCode: 400 }));
      return;
    }
    const validationErrors = validateCached(query, doc);
    if (validationErrors.length) {
      entry.status = 400;
      send(
        res,
        400,
        JSON.stringify({
          errors: validationErrors.map((e) => ({ message: e.message, extensions: { type: 'graphql error', code: 'GRAPHQL_VALIDATION_FAILED', statusCode: 400 } })),
        }),
      );
      return;
    }
    const complexity = estimateComplexity(schema, doc, variables, operationName ?? undefined);
    entry.complexity = complexity;
    if (usedRequests + 1 > limits.requests || usedComplexity + complexity > limits.complexity) {
      entry.status = 400;
      entry.fault = 'rate-limited';
      blockedUntil = resetAt;
      rateLimitedReply(res, 400, resetAt);
      return;
    }
    usedRequests += 1;
    usedComplexity += complexity;
    const result = await execute({ schema, document: doc, rootValue, variableValues: variables, operationName: operationName ?? undefined });
    if (fault?.kind === 'drop-after-execute') {
      entry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    rateHeaders(res, resetAt, false);
    res.setHeader('X-Complexity', String(complexity));
    send(res, 200, JSON.stringify({ data: result.data ?? null, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) }));
  };

  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      send(res, 405, errorBody('Method not allowed', { code: 'METHOD_NOT_ALLOWED' }));
      return;
    }
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(e instanceof Error ? e.message : 'error', { type: 'internal error', code: 'INTERNAL_SERVER_ERROR' }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    apiKey: [...apiKeys][0] ?? TEST_API_KEY,
    store,
    faults,
    log,
    requestCount: () => log.length,
    resetRateLimit: () => {
      blockedUntil = 0;
      windowStart = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
