import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import { linearPlanStateSchema, type LinearPlanState } from '../../../shared/domain/linear';

/** Last known plan state on disk (JSON, atomic write), so the app starts with data and works offline. */

export interface LinearPlanCache {
  load(masterIssueId: string): Promise<LinearPlanState | null>;
  save(state: LinearPlanState): Promise<void>;
}

export function cacheFileName(masterIssueId: string): string {
  return `linear-plan-${masterIssueId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
}

export function createLinearPlanCache(dir: string): LinearPlanCache {
  return {
    async load(masterIssueId) {
      try {
        const raw = await readFile(path.join(dir, cacheFileName(masterIssueId)), 'utf8');
        const parsed = linearPlanStateSchema.safeParse(JSON.parse(raw));
        return parsed.success && parsed.data.masterIssueId === masterIssueId ? { ...parsed.data, stale: true } : null;
      } catch {
        return null;
      }
    },
    async save(state) {
      await writeFileAtomic(path.join(dir, cacheFileName(state.masterIssueId)), JSON.stringify(state, null, 2), { createDir: true });
    },
  };
}
