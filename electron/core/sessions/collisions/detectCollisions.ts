import type { Collision } from '../../../../shared/domain/session';
import { compareByMeaning } from '../workflow/workflowFiles';

export interface CollisionInput {
  id: string;
  name: string;
  /** Sessions collide only within one repository (e.g. its common git dir). */
  repoKey: string;
  /** false for merged sessions (and anything else whose changes no longer compete). */
  live: boolean;
  /** Paths changed on the branch since the merge-base plus uncommitted paths, relative to the repo root. */
  files: readonly string[];
}

/**
 * Two live sessions of the same repository that change the same path collide: each gets one
 * Collision per (file, other session). Pure; output sorted most meaningful file first (source before
 * lock files before committed workflow state, see compareByMeaning), then by other session id, so the
 * one collision a row has room for is the one that matters.
 */
export function detectCollisions(sessions: readonly CollisionInput[]): Map<string, Collision[]> {
  const out = new Map<string, Collision[]>();
  for (const s of sessions) out.set(s.id, []);
  const byRepo = new Map<string, CollisionInput[]>();
  for (const s of sessions) {
    if (!s.live || s.files.length === 0) continue;
    const list = byRepo.get(s.repoKey) ?? [];
    list.push(s);
    byRepo.set(s.repoKey, list);
  }
  for (const group of byRepo.values()) {
    if (group.length < 2) continue;
    // file → sessions touching it
    const touching = new Map<string, CollisionInput[]>();
    for (const s of group) {
      for (const f of new Set(s.files)) {
        const list = touching.get(f) ?? [];
        list.push(s);
        touching.set(f, list);
      }
    }
    for (const [file, list] of touching) {
      if (list.length < 2) continue;
      for (const a of list) {
        for (const b of list) {
          if (a.id === b.id) continue;
          out.get(a.id)?.push({ file, otherSessionId: b.id, otherSessionName: b.name });
        }
      }
    }
  }
  for (const list of out.values()) {
    list.sort((x, y) => compareByMeaning(x.file, y.file) || x.otherSessionId.localeCompare(y.otherSessionId));
  }
  return out;
}
