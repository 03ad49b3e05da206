/** Fault injection for the local Linear test server. */

export type LinearFault =
  /** HTTP 429 with a Retry-After header and the rate-limit headers. */
  | { kind: 'http-429'; retryAfterSec?: number; resetInMs?: number }
  /** HTTP 400 with `errors[].extensions.code = "RATELIMITED"` (Linear's usual rate-limit reply). */
  | { kind: 'ratelimit-400'; resetInMs?: number }
  | { kind: 'http-500' }
  | { kind: 'http-503' }
  /** Reply normally after a delay. */
  | { kind: 'slow'; delayMs: number }
  /** 401 with Linear's AUTHENTICATION_ERROR body, whatever key was sent. */
  | { kind: 'invalid-key' }
  /** 403 with Linear's FORBIDDEN body. */
  | { kind: 'forbidden' }
  /** Destroy the socket without replying (nothing executed). */
  | { kind: 'drop' }
  /** Execute the operation (mutations take effect) and then destroy the socket: the reply is lost. */
  | { kind: 'drop-after-execute' };

export class FaultController {
  private queue: LinearFault[] = [];
  private persistent: LinearFault | null = null;
  private mutationBudget: { remaining: number; fault: LinearFault } | null = null;

  /** Apply `fault` to the next request only (queued; several calls queue several faults). */
  next(fault: LinearFault): void {
    this.queue.push(fault);
  }

  /** Apply `fault` to every request until cleared with `set(null)`. */
  set(fault: LinearFault | null): void {
    this.persistent = fault;
  }

  /** Let `n` more mutations succeed, then fail every further mutation with `fault` (default HTTP 500). */
  failMutationsAfter(n: number, fault: LinearFault = { kind: 'http-500' }): void {
    this.mutationBudget = { remaining: n, fault };
  }

  clear(): void {
    this.queue = [];
    this.persistent = null;
    this.mutationBudget = null;
  }

  /** The fault for this request, if any (consumes one-shot faults and mutation budget). */
  take(isMutation: boolean): LinearFault | null {
    const queued = this.queue.shift();
    if (queued) return queued;
    if (this.persistent) return this.persistent;
    if (isMutation && this.mutationBudget) {
      if (this.mutationBudget.remaining > 0) {
        this.mutationBudget.remaining -= 1;
        return null;
      }
      return this.mutationBudget.fault;
    }
    return null;
  }
}
