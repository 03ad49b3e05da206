import { defineRequest } from './requestSpec';

/** Requests of the sessions domain. */
export const sessionsRequests = {} satisfies Record<string, ReturnType<typeof defineRequest>>;
