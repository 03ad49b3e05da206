import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git for-each-ref` with named `%(field)` atoms, one record per ref. Fields are NUL-separated in the
 * format so subjects and names with spaces survive; `patterns` limit the refs (prefixes or full refs).
 */
export function forEachRef<K extends string>(
  cwd: string,
  fields: Readonly<Record<K, string>>,
  patterns: readonly string[],
  git: GitRunner = execGit,
): Promise<GitResult<Array<Record<K, string>>>> {
  const keys = Object.keys(fields) as K[];
  const format = keys.map((k) => fields[k]).join('%00');
  return gitResult(git, ['for-each-ref', `--format=${format}`, ...patterns], { cwd }, (out) =>
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const values = line.split('\0');
        const record = {} as Record<K, string>;
        keys.forEach((k, i) => (record[k] = values[i] ?? ''));
        return record;
      }),
  );
}
