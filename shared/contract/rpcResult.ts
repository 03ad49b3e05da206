import { z } from 'zod';

/** Why a request failed, in a form the UI can show as-is and code can branch on. */
export const RpcErrorCode = z.enum([
  'bad_request', // the payload did not match the contract
  'unknown_request', // no such request name
  'not_found',
  'conflict', // state moved under us (plan edited on disk, base moved): re-read and retry
  'refused', // a safety rule said no (dirty worktree, violation without override, ...)
  'unavailable', // not in this mode (e.g. OS shell actions in serve mode) or not configured
  'busy', // too many requests at once on this connection: retry when earlier ones answered
  'internal',
]);
export type RpcErrorCode = z.infer<typeof RpcErrorCode>;

export const RpcError = z.object({
  code: RpcErrorCode,
  message: z.string(),
  /** Field-level problems for bad_request, one line each. */
  issues: z.array(z.string()).optional(),
});
export type RpcError = z.infer<typeof RpcError>;

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export function ok<T>(value: T): RpcResult<T> {
  return { ok: true, value };
}

export function fail(code: RpcErrorCode, message: string, issues?: string[]): RpcResult<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/** Thrown inside handlers to return a typed failure without building the result by hand. */
export class RpcFailure extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RpcFailure';
  }
}
