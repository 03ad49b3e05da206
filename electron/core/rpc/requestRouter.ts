import type { ParsedRequestOf, RequestName, ResultOf, RpcResult } from '../../../shared/contract';
import { fail, isRequestName, ok, requests, RpcFailure } from '../../../shared/contract';
import { SERVE_SOCKET_CALLER, type CallerCapabilities } from './callerCapabilities';

export type RequestHandler<N extends RequestName> = (request: ParsedRequestOf<N>, caller: CallerCapabilities) => Promise<ResultOf<N>> | ResultOf<N>;
export type RequestHandlers = { [N in RequestName]: RequestHandler<N> };

export interface RouterLogger {
  error(message: string, error: unknown): void;
}

/**
 * The single entry for every transport: checks the name, parses the payload with the contract's
 * schema, runs the handler and turns any throw into a typed failure. Nothing a client sends can
 * crash core. `caller` comes from the transport adapter, never from the payload; a caller that does
 * not say gets the least (the serve-mode socket's).
 */
export function createRequestRouter(handlers: RequestHandlers, logger: RouterLogger) {
  return async function route(name: unknown, payload: unknown, caller: CallerCapabilities = SERVE_SOCKET_CALLER): Promise<RpcResult<unknown>> {
    if (!isRequestName(name)) {
      // Never String(name): an object whose toString is not a function throws (found by fuzzing).
      const shown = typeof name === 'string' ? JSON.stringify(name).slice(0, 80) : `of type ${name === null ? 'null' : typeof name}`;
      return fail('unknown_request', `Unknown request ${shown}.`);
    }
    const parsed = requests[name].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      return fail('bad_request', `The request ${name} was malformed: ${issues[0] ?? 'invalid payload'}`, issues);
    }
    try {
      const handler = handlers[name] as (request: unknown, caller: CallerCapabilities) => Promise<unknown> | unknown;
      return ok(await handler(parsed.data, caller));
    } catch (error) {
      if (error instanceof RpcFailure) return fail(error.code, error.message);
      logger.error(`request ${name} failed`, error);
      const message = error instanceof Error ? error.message : String(error);
      return fail('internal', `${name} failed: ${message}`);
    }
  };
}

export type RequestRouter = ReturnType<typeof createRequestRouter>;
