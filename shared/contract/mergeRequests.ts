import type { defineRequest } from './requestSpec';

/** Requests of the merge domain. */
export const mergeRequests = {} satisfies Record<string, ReturnType<typeof defineRequest>>;
