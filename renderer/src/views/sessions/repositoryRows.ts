import type { SessionRecord } from '../../../../shared/domain/session';

/** A repository's main checkout: shown as the repository's own line, never as a session. */
export function isRepositoryRow(record: SessionRecord): boolean {
  return record.worktree?.isMain === true;
}

/** Main checkouts (sorted by repository) apart from the sessions (in their given order). Pure. */
export function splitRepositories(records: readonly SessionRecord[]): { repositories: SessionRecord[]; sessions: SessionRecord[] } {
  const repositories: SessionRecord[] = [];
  const sessions: SessionRecord[] = [];
  for (const r of records) (isRepositoryRow(r) ? repositories : sessions).push(r);
  repositories.sort((a, b) => (a.worktree?.repoRoot ?? a.id).localeCompare(b.worktree?.repoRoot ?? b.id));
  return { repositories, sessions };
}

/** "2 uncommitted files", "no uncommitted changes": about the person's files only (state files are left out in core). */
export function uncommittedWords(count: number): string {
  if (count === 0) return 'no uncommitted changes';
  return `${count} uncommitted file${count === 1 ? '' : 's'}`;
}
