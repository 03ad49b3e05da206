import type { SessionRecord } from '../../../../shared/domain/session';

/** A plausible record for pure tests; override what the test is about. */
export function makeRecord(over: Partial<SessionRecord> & { id: string }): SessionRecord {
  return {
    name: over.id,
    worktree: null,
    git: null,
    issueId: null,
    phase: null,
    agent: null,
    planPath: null,
    matchedBy: [],
    unmatched: false,
    status: 'idle',
    statusReason: '',
    statusSince: '2026-01-01T00:00:00Z',
    claude: null,
    progress: null,
    collisions: [],
    warnings: [],
    ...over,
  };
}

export function makeGit(over: Partial<NonNullable<SessionRecord['git']>> = {}): NonNullable<SessionRecord['git']> {
  return {
    branch: null, head: null, baseBranch: 'main', baseRef: 'main', ahead: 0, behind: 0, changedFiles: 0, uncommittedFiles: [], dirty: false,
    lastCommitAt: null, lastCommitSubject: null, mergeInProgress: false, rebaseInProgress: false, lockFiles: [], filesChangedVsBase: [], mergedIntoBase: false, error: null,
    ...over,
  };
}

export function makeWorktree(path: string, repoRoot: string): NonNullable<SessionRecord['worktree']> {
  return { id: path, path, repoRoot, commonGitDir: `${repoRoot}/.git`, gitDir: null, branch: null, head: null, detached: false, locked: false, prunable: false, bare: false, isMain: false, source: ['git-worktree-list'] };
}
