import type { MergeOrder } from '../../../../shared/domain/dispatch';

/**
 * Applies a person's drag-and-drop order: the listed phases take the merge positions they held
 * between them, in the new order, so phases of other batches keep theirs ("first-merged session's
 * branch becomes the base for subsequent merges", §8).
 */
export function reorderMerge(base: MergeOrder, order: readonly string[] | null): MergeOrder {
  if (!order || order.length === 0) return base;
  const listed = [...new Set(order)].filter((id) => base[id] !== undefined);
  const slots = listed.map((id) => base[id] as number).sort((a, b) => a - b);
  const next: MergeOrder = { ...base };
  listed.forEach((id, i) => {
    const slot = slots[i];
    if (slot !== undefined) next[id] = slot;
  });
  return next;
}
