import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupRef } from '../../../shared/domain/merge';
import { execGit, gitOk } from '../git/execGit';
import { gitCommonDir } from './gitRefs';

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
  await gitOk(['-c', 'core.hooksPath=/dev/null', 'update-ref', '--create-reflog', '-m', `switchyard backup: ${reason}`, ref, sha, ''], {
    cwd: repoDir,
  });
  return { ref, branch, oldSha: sha, createdAt, reason };
}

/** Deletes a backup ref only if it still points at `sha`. */
export async function deleteBackupRef(repoDir: string, ref: string, sha: string): Promise<boolean> {
  const run = await execGit(['-c', 'core.hooksPath=/dev/null', 'update-ref', '-d', ref, sha], { cwd: repoDir });
  return run.code === 0;
}

async function reasonOf(commonDir: string, ref: string): Promise<string> {
  try {
    const log = await readFile(join(commonDir, 'logs', ref), 'utf8');
    const last = log.trimEnd().split('\n').pop() ?? '';
    const tab = last.indexOf('\t');
    return tab === -1 ? '' : last.slice(tab + 1).replace(/^switchyard backup: /, '');
  } catch {
    return '';
  }
}

/** One line of a reflog file: `<old> <new> <ident> <unix-time> <tz>\t<message>`. */
export interface ReflogLine {
  oldSha: string;
  newSha: string;
  time: number;
  message: string;
}

/** Pure: parses a reflog file's text (lines it cannot read are skipped). */
export function parseReflog(text: string): ReflogLine[] {
  const out: ReflogLine[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) .* (\d+) [+-]\d{4}\t(.*)$/.exec(line);
    if (m) out.push({ oldSha: m[1] ?? '', newSha: m[2] ?? '', time: Number(m[3]), message: m[4] ?? '' });
  }
  return out;
}

/**
 * The commit a journaled move left its branch at (the merge commit, for a merge): the branch's
 * reflog entry that moved it away from the backup's sha with the backup's reason, at or after the
 * backup was written. Null when the reflog does not say (bare repo, reflog expired).
 */
export async function moveResultOf(repoDir: string, backup: Pick<BackupRef, 'branch' | 'oldSha' | 'createdAt' | 'reason'>): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(join(await gitCommonDir(repoDir), 'logs', 'refs', 'heads', backup.branch), 'utf8');
  } catch {
    return null;
  }
  const since = Math.floor(Date.parse(backup.createdAt) / 1000) - 1;
  const line = parseReflog(text).find((l) => l.oldSha === backup.oldSha && l.message === `switchyard: ${backup.reason}` && l.time >= since);
  return line?.newSha ?? null;
}

/** Backup refs, newest first; only those of `branch` when given. */
export async function listBackupRefs(repoDir: string, branch?: string): Promise<BackupRef[]> {
  const out = await gitOk(['for-each-ref', '--format=%(refname)%00%(objectname)', BACKUP_PREFIX], { cwd: repoDir });
  const commonDir = await gitCommonDir(repoDir);
  const refs: BackupRef[] = [];
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [ref = '', sha = ''] = line.split('\0');
    const parsed = parseBackupRefName(ref);
    if (!parsed || (branch !== undefined && parsed.branch !== branch)) continue;
    const backup = { ref, branch: parsed.branch, oldSha: sha, createdAt: parsed.createdAt, reason: await reasonOf(commonDir, ref) };
    refs.push({ ...backup, leftAt: await moveResultOf(repoDir, backup) });
  }
  return refs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.ref < b.ref ? 1 : -1));
}
