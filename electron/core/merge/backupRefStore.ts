import type { BackupRef } from '../../../shared/domain/merge';
import { forEachRef } from '../git/forEachRef';
import { lastReflogMessage, readReflog } from '../git/reflog';
import { gitCommonDir } from '../git/revParse';
import { createRef, deleteRef } from '../git/updateRef';

export const BACKUP_PREFIX = 'refs/switchyard/backup/';

/** Pure: `refs/switchyard/backup/<branch>/<YYYYMMDDTHHMMSSmmmZ>-<suffix>` (no ':' — invalid in ref names). */
export function backupRefName(branch: string, at: Date, suffix: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${BACKUP_PREFIX}${branch}/${stamp}-${suffix}`;
}

/** Pure: branch and time from a backup ref name, or null when it is not one. */
export function parseBackupRefName(ref: string): { branch: string; createdAt: string } | null {
  if (!ref.startsWith(BACKUP_PREFIX)) return null;
  const rest = ref.slice(BACKUP_PREFIX.length);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0) return null;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[0-9a-z]+$/.exec(rest.slice(slash + 1));
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  return { branch: rest.slice(0, slash), createdAt: `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z` };
}

export function newBackupRefName(branch: string): string {
  return backupRefName(branch, new Date(), Math.random().toString(36).slice(2, 8));
}

/**
 * Creates `ref` → `sha` only if `ref` does not exist yet (compare-and-swap against "absent"), with a
 * reflog entry holding `reason`. Hooks are not run (core.hooksPath=/dev/null).
 */
export async function writeBackupRef(repoDir: string, ref: string, branch: string, sha: string, reason: string): Promise<BackupRef> {
  const createdAt = parseBackupRefName(ref)?.createdAt ?? new Date().toISOString();
  await createRef(repoDir, ref, sha, `switchyard backup: ${reason}`);
  return { ref, branch, oldSha: sha, createdAt, reason };
}

/** Deletes a backup ref only if it still points at `sha`. */
export async function deleteBackupRef(repoDir: string, ref: string, sha: string): Promise<boolean> {
  return (await deleteRef(repoDir, ref, sha)).ok;
}

/**
 * The commit a journaled move left its branch at (the merge commit, for a merge): the branch's
 * reflog entry that moved it away from the backup's sha with the backup's reason, at or after the
 * backup was written. Null when the reflog does not say (bare repo, reflog expired).
 */
export async function moveResultOf(repoDir: string, backup: Pick<BackupRef, 'branch' | 'oldSha' | 'createdAt' | 'reason'>): Promise<string | null> {
  const lines = await readReflog(await gitCommonDir(repoDir), `refs/heads/${backup.branch}`);
  if (lines === null) return null;
  const since = Math.floor(Date.parse(backup.createdAt) / 1000) - 1;
  const line = lines.find((l) => l.oldSha === backup.oldSha && l.message === `switchyard: ${backup.reason}` && l.time >= since);
  return line?.newSha ?? null;
}

/** Backup refs, newest first; only those of `branch` when given. */
export async function listBackupRefs(repoDir: string, branch?: string): Promise<BackupRef[]> {
  const listed = await forEachRef(repoDir, { ref: '%(refname)', sha: '%(objectname)' }, [BACKUP_PREFIX]);
  if (!listed.ok) throw new Error(`git for-each-ref failed: ${listed.error}`);
  const commonDir = await gitCommonDir(repoDir);
  const refs: BackupRef[] = [];
  for (const { ref, sha } of listed.value) {
    const parsed = parseBackupRefName(ref);
    if (!parsed || (branch !== undefined && parsed.branch !== branch)) continue;
    const backup = { ref, branch: parsed.branch, oldSha: sha, createdAt: parsed.createdAt, reason: (await lastReflogMessage(commonDir, ref)).replace(/^switchyard backup: /, '') };
    refs.push({ ...backup, leftAt: await moveResultOf(repoDir, backup) });
  }
  return refs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.ref < b.ref ? 1 : -1));
}
