import { defineRequest } from './requestSpec';

/** Requests of the dispatch domain. */
export const dispatchRequests = {} satisfies Record<string, ReturnType<typeof defineRequest>>;
