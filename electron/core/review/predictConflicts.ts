import type { ConflictFile, PredictedConflict } from '../../../shared/domain/review';
import { readBlob } from '../git/catFile';
import { mergeTrees } from '../git/mergeTree';
import { conflictHunks } from './conflictHunks';

/** Conflicted files read per prediction at most, and the largest merged file read for its hunks. */
const MAX_FILES = 100;
const MAX_BLOB_BYTES = 2 * 1024 * 1024;

export interface MergePartner {
  name: string;
  sha: string;
  isBase: boolean;
}

/**
 * The conflict hunks of merging `headSha` with each partner, from the same in-memory
 * `git merge-tree --write-tree` the conflict matrix runs (nothing is checked out or written
 * but objects): the merged tree holds each conflicted file with git's markers, read back here.
 */
export async function predictConflicts(cwd: string, headSha: string, partners: readonly MergePartner[]): Promise<PredictedConflict[]> {
  const out: PredictedConflict[] = [];
  for (const partner of partners) {
    const result = await mergeTrees(cwd, partner.sha, headSha);
    if (!result.ok) {
      out.push({ against: partner.name, againstIsBase: partner.isBase, files: [], error: result.error });
      continue;
    }
    if (!result.conflicts) continue;
    const files: ConflictFile[] = [];
    for (const path of result.files.slice(0, MAX_FILES)) {
      const messages = result.messages.filter((m) => m.includes(path));
      const blob = await readBlob(cwd, result.tree, path, MAX_BLOB_BYTES);
      const hunks = blob.kind === 'text' ? conflictHunks(blob.text) : [];
      if (blob.kind === 'too-large') messages.push(`The merged file is ${Math.round(blob.bytes / 1024)} KB: open it in your editor to see the conflicts.`);
      files.push({ path, hunks, messages });
    }
    const more = result.files.length - files.length;
    out.push({ against: partner.name, againstIsBase: partner.isBase, files, error: more > 0 ? `${more} more conflicted files are not shown.` : null });
  }
  return out;
}
