import type { SessionRecord } from '../../../../shared/domain/session';
import { uncommittedWords } from './repositoryRows';
import { STATUS_WORDS } from './statusWords';

function lastSegment(path: string): string {
  return path.split(/[\\/]+/).filter(Boolean).pop() ?? path;
}

/**
 * One line per repository, from its main checkout: name, branch and the person's uncommitted files.
 * A main checkout is where the person works, not a session, so it gets no Stale/Done status; only a
 * Claude process running in it right now is mentioned.
 */
export function RepositoryLines(props: { repositories: readonly SessionRecord[]; selectedId: string | null; onSelect(id: string): void }) {
  if (props.repositories.length === 0) return null;
  return (
    <ul className="sessions-repos" aria-label="Repositories" data-testid="repository-lines">
      {props.repositories.map((r) => {
        const git = r.git;
        const branch = git?.branch ?? r.worktree?.branch ?? null;
        const files = git?.uncommittedFiles ?? [];
        const claudeHere = r.claude?.alive ? STATUS_WORDS[r.status] : null;
        return (
          <li key={r.id}>
            <button
              type="button"
              className="sessions-repo"
              data-testid="repository-line"
              data-session-id={r.id}
              aria-pressed={r.id === props.selectedId}
              title={r.worktree?.path}
              onClick={() => props.onSelect(r.id)}
            >
              <span className="sessions-repo-name">{lastSegment(r.worktree?.repoRoot ?? r.name)}</span>
              <span className="mono sessions-branch">{branch ?? '(detached)'}</span>
              <span className={files.length ? '' : 'faint'} data-testid="repository-uncommitted" title={files.length ? files.slice(0, 20).join('\n') : undefined}>
                {git?.error ? `git: ${git.error}` : uncommittedWords(files.length)}
              </span>
              {claudeHere ? <span className={`status ${r.status}`}>Claude here: {claudeHere}</span> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
