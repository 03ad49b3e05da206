import type { ConflictCell, ConflictMatrix } from '../../../shared/domain/merge';

/** Name used for the base in matrix cells. */
export const BASE_CELL_NAME = 'base';

/** The cell for an unordered pair (pure). */
export function cellBetween(matrix: ConflictMatrix | null, a: string, b: string): ConflictCell | null {
  if (!matrix) return null;
  return matrix.cells.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a)) ?? null;
}
