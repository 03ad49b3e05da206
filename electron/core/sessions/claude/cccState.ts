import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CccState } from '../../../../shared/domain/claude';

export const CCC_STATE_FILE = '.ccc-state.json';

export interface CccStateResult {
  state: CccState | null;
  /** Why the file was not (fully) understood; null when it was, or when there is no file. */
  warning: string | null;
}

const STRING_FIELDS = ['linearIssue', 'phase', 'executionMode', 'specPath', 'createdAt', 'lastUpdatedAt'] as const;
const NUMBER_FIELDS = [
  'taskIndex',
  'taskIteration',
  'maxTaskIterations',
  'globalIteration',
  'maxGlobalIterations',
  'replanCount',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Pure: reads the fields of `.ccc-state.json` (formats.md §2.2) it understands. A field of the wrong
 * type is dropped and named in the warning instead of failing the whole file; unknown fields are ignored.
 */
export function parseCccState(json: unknown): CccStateResult {
  if (!isObject(json)) return { state: null, warning: '.ccc-state.json is not a JSON object' };
  const wrong: string[] = [];
  const state: CccState = { tasksDone: 0, totalTasks: 0, done: false, awaitingGate: null };

  for (const field of STRING_FIELDS) {
    const value = json[field];
    if (typeof value === 'string') state[field] = value;
    else if (value === null) state[field] = null;
    else if (value !== undefined) wrong.push(field);
  }
  for (const field of NUMBER_FIELDS) {
    const value = json[field];
    if (typeof value === 'number' && Number.isFinite(value)) state[field] = value;
    else if (value === null) state[field] = null;
    else if (value !== undefined) wrong.push(field);
  }

  const gates = json['gatesPassed'];
  if (Array.isArray(gates)) state.gatesPassed = gates.filter((g): g is string => typeof g === 'string');
  else if (gates === null) state.gatesPassed = null;
  else if (gates !== undefined) wrong.push('gatesPassed');

  const gate = json['awaitingGate'];
  if (typeof gate === 'string') state.awaitingGate = gate === '' ? null : gate;
  else if (gate !== null && gate !== undefined) {
    // A gate written as something other than a name still means a human is awaited.
    state.awaitingGate = JSON.stringify(gate);
    wrong.push('awaitingGate');
  }

  const total = json['totalTasks'];
  if (typeof total === 'number' && Number.isFinite(total) && total >= 0) state.totalTasks = total;
  else if (total !== null && total !== undefined) wrong.push('totalTasks');

  // taskIndex is 0-based: it is the number of tasks already finished.
  const index = state.taskIndex ?? 0;
  state.tasksDone = Math.max(0, Math.min(index, state.totalTasks));
  state.done = state.totalTasks > 0 && index >= state.totalTasks;

  return {
    state,
    warning: wrong.length > 0 ? `.ccc-state.json: unexpected type for ${wrong.join(', ')}` : null,
  };
}

/** Reads `<worktree>/.ccc-state.json`. No file is no state and no warning; broken JSON is a warning. */
export async function readCccState(worktreePath: string): Promise<CccStateResult> {
  let text: string;
  try {
    text = await readFile(join(worktreePath, CCC_STATE_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: null, warning: null };
    return { state: null, warning: `.ccc-state.json unreadable: ${code ?? String(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Often a write caught half-way; the next change event reads it again.
    return { state: null, warning: '.ccc-state.json is not valid JSON' };
  }
  return parseCccState(json);
}
