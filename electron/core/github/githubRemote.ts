/** A repository on GitHub (or GitHub Enterprise) as its remote URL names it. */
export interface GithubRepoRef {
  host: string;
  owner: string;
  repo: string;
}

/**
 * Reads owner/repo from a remote URL in the forms git accepts: `https://host/owner/repo(.git)`,
 * `ssh://git@host[:port]/owner/repo.git`, `git@host:owner/repo.git`. Null when it is not one
 * (a file path, a bare folder, another kind of forge URL without an owner/repo pair). Pure.
 */
export function parseGithubRemote(url: string): GithubRepoRef | null {
  const trimmed = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(trimmed);
  if (/^(https?|ssh|git):\/\//.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return null;
    }
    host = parsed.hostname;
    path = parsed.pathname;
  } else if (scp && !/^[A-Za-z]$/.test(scp[1] ?? '')) {
    host = scp[1] ?? '';
    path = scp[2] ?? '';
  } else {
    return null;
  }
  const parts = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { host: host.toLowerCase(), owner: parts[0], repo: parts[1] };
}
