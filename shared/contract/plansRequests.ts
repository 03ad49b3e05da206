import { defineRequest } from './requestSpec';

/** Requests of the plans domain. */
export const plansRequests = {} satisfies Record<string, ReturnType<typeof defineRequest>>;
