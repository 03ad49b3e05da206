import type { BackupRef, ConflictMatrix } from '../../../../shared/domain/merge';
import { branchRef } from '../../git/branchRef';
import { diffNames } from '../../git/diff';
import { commitSubjects } from '../../git/log';
import { resolveCommit } from '../../git/revParse';
import { listBackupRefs } from '../backupRefStore';
import { computeConflictMatrix } from '../conflictMatrix';

/**
 * What the Merge view shows beyond the engine's verdicts, all read without touching a working tree:
 * a conflict matrix over every branch of the queue (the engine's covers completed sessions only, but
 * a person wants to see the 1B × 1C clash while both still run), each branch's changed files, and
 * the backup refs of the base and the queue's branches.
 */
export interface QueueExtras {
  preview: ConflictMatrix | null;
  changedFiles: Record<string, string[]>;
  backups: BackupRef[];
}

async function changedFiles(repoDir: string, base: string, sha: string): Promise<string[]> {
  const diff = await diffNames(repoDir, `${base}...${sha}`);
  return diff.ok ? diff.value : [];
}

export async function gatherQueueExtras(repoDir: string, base: string, order: readonly string[], previous: ConflictMatrix | null): Promise<QueueExtras> {
  const existing: string[] = [];
  const files: Record<string, string[]> = {};
  const baseSha = await resolveCommit(repoDir, branchRef(base));
  for (const branch of order) {
    const sha = await resolveCommit(repoDir, branchRef(branch));
    if (!sha) continue;
    existing.push(branch);
    files[branch] = baseSha ? await changedFiles(repoDir, baseSha, sha) : [];
  }
  const preview = baseSha ? await computeConflictMatrix(repoDir, base, existing, { previous }).catch(() => null) : null;
  const names = new Set([base, ...order]);
  const backups = (await listBackupRefs(repoDir).catch(() => [])).filter((b) => names.has(b.branch)).slice(0, 20);
  return { preview, changedFiles: files, backups };
}

/** One line per branch for the plan file: what the branch did (its commits and files), so both approaches are on record. */
export async function approachOf(repoDir: string, base: string, branch: string): Promise<string> {
  const log = await commitSubjects(repoDir, `${branchRef(base)}..${branchRef(branch)}`, { max: 6 });
  const subjects = log.ok ? log.value.filter(Boolean) : [];
  const baseSha = await resolveCommit(repoDir, branchRef(base));
  const sha = await resolveCommit(repoDir, branchRef(branch));
  const files = baseSha && sha ? await changedFiles(repoDir, baseSha, sha) : [];
  const commits = subjects.length > 0 ? `commits: ${subjects.map((s) => `"${s}"`).join('; ')}` : 'no commits of its own';
  const touched = files.length > 0 ? `; files: ${files.slice(0, 8).join(', ')}${files.length > 8 ? ', …' : ''}` : '';
  return `${commits}${touched}`;
}
