/** Thrown by the gateway when Linear does not answer within its timeout. */
export class LinearRequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Linear did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    this.name = 'LinearRequestTimeoutError';
  }
}
