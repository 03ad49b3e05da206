/** One file of `git diff --numstat -z`. */
export interface NumstatEntry {
  path: string;
  /** The path before a rename/copy; null otherwise. */
  oldPath: string | null;
  /** null for binary files (git prints `-`). */
  additions: number | null;
  deletions: number | null;
}

/**
 * Parses `git diff --numstat -z`: `<add>\t<del>\t<path>\0`, or for a rename/copy
 * `<add>\t<del>\t\0<old>\0<new>\0`. Paths come verbatim (no quoting with -z).
 */
export function parseNumstat(stdout: string): NumstatEntry[] {
  const parts = stdout.split('\0');
  const entries: NumstatEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const head = parts[i] ?? '';
    if (head === '') continue;
    const match = /^(-|\d+)\t(-|\d+)\t([\s\S]*)$/.exec(head);
    if (!match) continue;
    const additions = match[1] === '-' ? null : Number(match[1]);
    const deletions = match[2] === '-' ? null : Number(match[2]);
    const inline = match[3] ?? '';
    if (inline !== '') {
      entries.push({ path: inline, oldPath: null, additions, deletions });
      continue;
    }
    const oldPath = parts[i + 1] ?? '';
    const path = parts[i + 2] ?? '';
    i += 2;
    entries.push({ path, oldPath, additions, deletions });
  }
  return entries;
}
