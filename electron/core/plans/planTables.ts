import type { IndexedTable, PlanIndex } from './planIndex';
import { classifyTable, mapColumns, type ColumnMap, type TableKind } from './tableColumns';

export interface ClassifiedTable {
  table: IndexedTable;
  kind: TableKind | null;
  columns: ColumnMap;
  /** Normalized headings enclosing the table, outermost first. */
  headingKeys: string[];
}

/** Every table of the plan with what it is (by columns, then by the heading above it). */
export function classifyTables(index: PlanIndex): ClassifiedTable[] {
  return index.tables.map((table) => {
    const columns = mapColumns(table.columns);
    const headingKeys = table.sectionPath.map((i) => index.sections[i]?.key ?? '');
    return { table, kind: classifyTable(columns, headingKeys), columns, headingKeys };
  });
}
