import type { VerdictKind } from '../../../../shared/domain/merge';
import type { MergeRowView, SemanticHold } from '../../../../shared/domain/mergeView';

/** Status as colour + word (never colour alone): the word a person reads for each verdict. */
export const VERDICT_WORDS: Record<VerdictKind, string> = {
  ready: 'Ready',
  'waiting-turn': 'Waiting for its turn',
  'waiting-session': 'Waiting for the session',
  'needs-rebase': 'Needs a rebase',
  'will-conflict': 'Will conflict',
  blocked: 'Blocked',
  merged: 'Merged',
  missing: 'Branch gone',
  'not-started': 'Not started',
};

/** The short detail shown under the verdict word: whom it waits for, which files, which blocker. */
export function verdictDetail(row: MergeRowView, holds: readonly SemanticHold[] = []): string {
  const v = row.verdict;
  if (row.heldBy) return holds.find((h) => h.id === row.heldBy)?.kind === 'cross-session' ? 'held: cross-session conflict flagged' : 'held: semantic conflict flagged';
  switch (v.kind) {
    case 'waiting-turn':
      return v.waitsFor ? `after ${v.waitsFor}` : '';
    case 'will-conflict':
    case 'needs-rebase':
      return v.conflictFiles.join(', ');
    case 'blocked':
      return v.blockers.map((b) => b.split(/[:(]/)[0]?.trim() ?? b).join('; ');
    case 'waiting-session':
      return row.sessionStatus === 'working' ? 'still working' : row.sessionStatus === 'waiting' ? 'waiting for your answer' : 'not finished yet';
    default:
      return '';
  }
}

/** As GitHub's repository settings and refusals name them ("Rebase merges are not allowed"). */
export const GITHUB_METHOD_WORDS = { merge: 'merge commits', squash: 'squash merges', rebase: 'rebase merges' } as const;

export const STRATEGY_WORDS = { merge: 'Merge commit', squash: 'Squash', rebase: 'Rebase + fast-forward' } as const;
