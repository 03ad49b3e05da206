/** Result of `git merge-tree --write-tree --name-only -z` for one pair. */
export interface MergeTreeParse {
  tree: string;
  conflicts: boolean;
  /** Conflicted paths, each once, in git's order. */
  files: string[];
  /** Informational/conflict messages (present when git printed them). */
  messages: string[];
}

/**
 * Parses the NUL-separated output of `git merge-tree --write-tree --name-only -z [--messages]`:
 *   <tree> NUL (<path> NUL)* NUL [ (<n> NUL <path>{n} NUL <type> NUL <message> NUL)* ]
 * `exitCode` 0 means clean, 1 conflicted; anything else is an error and returns null.
 * Without `--name-only`, a conflicted path line is "<mode> <oid> <stage>\t<path>"; both are accepted.
 */
export function parseMergeTreeOutput(stdout: string, exitCode: number): MergeTreeParse | null {
  if (exitCode !== 0 && exitCode !== 1) return null;
  const parts = stdout.split('\0');
  const tree = (parts[0] ?? '').trim();
  if (!/^[0-9a-f]{40,64}$/.test(tree)) return null;
  const files: string[] = [];
  const seen = new Set<string>();
  let i = 1;
  for (; i < parts.length; i++) {
    const entry = parts[i] ?? '';
    if (entry === '') break;
    const tab = /^\d{6} [0-9a-f]{40,64} \d\t/.exec(entry);
    const path = tab ? entry.slice(tab[0].length) : entry;
    if (!seen.has(path)) {
      seen.add(path);
      files.push(path);
    }
  }
  const messages: string[] = [];
  i++;
  while (i < parts.length) {
    const count = Number(parts[i]);
    if (!Number.isInteger(count) || count < 0 || (parts[i] ?? '') === '') break;
    const messageIndex = i + 1 + count + 1;
    const message = parts[messageIndex];
    if (message === undefined) break;
    messages.push(message.replace(/\n$/, ''));
    i = messageIndex + 1;
  }
  return { tree, conflicts: exitCode === 1, files, messages };
}
