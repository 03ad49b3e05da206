import { z } from 'zod';

/** Client → server frames over the serve-mode WebSocket. */
export const ClientFrame = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string().max(200),
  payload: z.unknown().optional(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;
