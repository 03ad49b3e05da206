import { defineRequest } from './requestSpec';

/** Requests of the linear domain. */
export const linearRequests = {} satisfies Record<string, ReturnType<typeof defineRequest>>;
