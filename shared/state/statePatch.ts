import { z } from 'zod';

/**
 * A change to the mirrored app state. Paths are at most a collection and an entity id deep, so
 * the renderer can apply a patch with structural sharing and React re-renders only what changed.
 */
export const PatchOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), path: z.array(z.string()).min(1).max(2), value: z.unknown() }),
  z.object({ op: z.literal('delete'), path: z.array(z.string()).min(1).max(2) }),
]);
export type PatchOp = z.infer<typeof PatchOp>;

export interface StatePatch {
  /** Sequence number of the state after this patch; patches apply only onto seq - 1. */
  seq: number;
  ops: PatchOp[];
}

/**
 * Applies ops to a plain object tree, copying each touched container once per call, so React
 * selectors on untouched collections and entities keep their identity.
 */
export function applyPatchOps<T extends object>(state: T, ops: readonly PatchOp[]): T {
  const root: Record<string, unknown> = { ...(state as Record<string, unknown>) };
  const copied = new Set<string>();
  for (const op of ops) {
    const [top, id] = op.path as [string, string | undefined];
    if (id === undefined) {
      if (op.op === 'set') root[top] = op.value;
      else delete root[top];
      copied.delete(top);
      continue;
    }
    if (!copied.has(top)) {
      const current = root[top];
      root[top] = current && typeof current === 'object' ? { ...(current as Record<string, unknown>) } : {};
      copied.add(top);
    }
    const collection = root[top] as Record<string, unknown>;
    if (op.op === 'set') collection[id] = op.value;
    else delete collection[id];
  }
  return root as T;
}
