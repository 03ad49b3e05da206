import type { z } from 'zod';

/** One entry of the contract: the request's schema (validated in core) and its result's schema. */
export interface RequestSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  result: Res;
  /** One line for docs, the command palette and error messages. */
  summary: string;
}

export function defineRequest<Req extends z.ZodType, Res extends z.ZodType>(
  spec: RequestSpec<Req, Res>,
): RequestSpec<Req, Res> {
  return spec;
}
