import type { BranchFacts, BranchVerdict, ConflictMatrix } from '../../../shared/domain/merge';
import { BASE_CELL_NAME, cellBetween } from './matrixLookup';

export interface VerdictInput {
  base: string;
  /** Declared merge order (first merged becomes the base for the next). */
  order: readonly string[];
  facts: readonly BranchFacts[];
  matrix: ConflictMatrix | null;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fileList(files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ');
  return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}

/** Safety problems in the session's worktree that no override may skip. */
function safetyBlockers(f: BranchFacts): string[] {
  const out: string[] = [];
  if (f.dirty) out.push(`uncommitted changes in the session's worktree (${plural(f.dirtyFiles.length, 'file')}) would be left out`);
  if (f.rebaseInProgress) out.push("a rebase is in progress in the session's worktree");
  if (f.lockFiles.length > 0) {
    const names = f.lockFiles.map((p) => p.split(/[\\/]/).pop() ?? p).join(', ');
    out.push(`git lock file present (${names}): another git command is running there, or one crashed`);
  }
  if (f.detached) out.push("the session's worktree is on a detached HEAD, so the branch may not hold its latest commits");
  return out;
}

/**
 * Pure rules: one verdict per branch in declared order. Only the first unmerged branch in the order
 * (the head of the line) can be 'ready'; every other branch says what it waits for.
 */
export function computeVerdicts(input: VerdictInput): BranchVerdict[] {
  const { base, order, matrix } = input;
  const factsOf = new Map(input.facts.map((f) => [f.branch, f]));
  const pendingBefore: string[] = [];
  const verdicts: BranchVerdict[] = [];

  for (const branch of order) {
    const f = factsOf.get(branch);
    const v = (kind: BranchVerdict['kind'], reason: string, extra: Partial<BranchVerdict> = {}): BranchVerdict => ({
      branch,
      kind,
      reason,
      waitsFor: null,
      conflictFiles: [],
      blockers: [],
      overridable: false,
      ...extra,
    });
    if (!f || !f.exists) {
      verdicts.push(v('missing', `branch '${branch}' no longer exists; it is skipped (remove it from the order if it was merged and deleted)`));
      continue;
    }
    const busy = f.sessionStatus === 'working' || f.sessionStatus === 'waiting-input';
    if (f.mergedIntoBase && !busy) {
      verdicts.push(v('merged', `everything on '${branch}' is already in '${base}'`));
      continue;
    }
    const head = pendingBefore[0] ?? null;
    pendingBefore.push(branch);

    if (f.sessionStatus === 'failed' || f.sessionStatus === 'abandoned') {
      const blockers = [`the session ${f.sessionStatus === 'failed' ? 'failed' : 'was abandoned'}: a person should review its work before it is merged`, ...safetyBlockers(f)];
      verdicts.push(
        v('blocked', blockers.join('; '), { blockers, overridable: blockers.length === 1 }),
      );
      continue;
    }
    if (f.sessionStatus !== 'completed') {
      const what =
        f.sessionStatus === 'working' ? 'is still working' : f.sessionStatus === 'waiting-input' ? 'is waiting for input' : 'has not reported that it finished';
      verdicts.push(v('waiting-session', `the session ${what}`, { waitsFor: null }));
      continue;
    }
    const blockers = safetyBlockers(f);
    if (blockers.length > 0) {
      verdicts.push(v('blocked', blockers.join('; '), { blockers }));
      continue;
    }
    const baseCell = cellBetween(matrix, BASE_CELL_NAME, branch);
    if (baseCell?.error) {
      verdicts.push(v('blocked', baseCell.error, { blockers: [baseCell.error] }));
      continue;
    }
    if (baseCell?.conflicts) {
      verdicts.push(
        v('needs-rebase', `conflicts with '${base}' in ${plural(baseCell.files.length, 'file')} (${fileList(baseCell.files)}): rebase it onto '${base}' in its worktree, or resolve by hand`, {
          conflictFiles: baseCell.files,
        }),
      );
      continue;
    }
    const clash = pendingBefore
      .slice(0, -1)
      .map((p) => ({ p, cell: cellBetween(matrix, p, branch) }))
      .find((x) => x.cell?.conflicts);
    if (clash && clash.cell) {
      verdicts.push(
        v(
          'will-conflict',
          `merges cleanly now, but conflicts with '${clash.p}' (earlier in the order) in ${plural(clash.cell.files.length, 'file')} (${fileList(clash.cell.files)}): after '${clash.p}' merges, rebase this onto '${base}'`,
          { waitsFor: clash.p, conflictFiles: clash.cell.files, overridable: true },
        ),
      );
      continue;
    }
    if (head !== null) {
      const ahead = pendingBefore.length - 1;
      verdicts.push(
        v('waiting-turn', `waits for its turn: '${head}' merges next${ahead > 1 ? ` (${ahead} branches are ahead of it)` : ''}`, {
          waitsFor: head,
          overridable: true,
        }),
      );
      continue;
    }
    const behind = f.behindBase > 0 ? `; '${base}' has ${plural(f.behindBase, 'commit')} it does not (no conflicts)` : '';
    const gone = f.worktreeMissing ? "; its worktree folder is gone, but the branch's commits are safe" : '';
    verdicts.push(v('ready', `ready to merge: ${plural(f.aheadOfBase, 'commit')} ahead of '${base}'${behind}${gone}`));
  }
  return verdicts;
}

/** The single branch `mergeNext()` would take, or null. */
export function nextMergeable(verdicts: readonly BranchVerdict[]): string | null {
  return verdicts.find((v) => v.kind === 'ready')?.branch ?? null;
}
