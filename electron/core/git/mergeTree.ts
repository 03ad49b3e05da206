import { execGit } from './execGit';
import { parseMergeTreeOutput, type MergeTreeParse } from './parseMergeTree';

export type MergeTreeResult = ({ ok: true } & MergeTreeParse) | { ok: false; error: string };

/**
 * In-memory merge of two commits with `git merge-tree --write-tree`: writes objects only, never
 * touches a working tree, index or ref. `allowUnrelated` lets histories without a common base merge.
 */
export async function mergeTrees(
  repoDir: string,
  a: string,
  b: string,
  options: { allowUnrelated?: boolean; env?: Record<string, string> } = {},
): Promise<MergeTreeResult> {
  const args = ['merge-tree', '--write-tree', '--name-only', '-z', '--messages'];
  if (options.allowUnrelated) args.push('--allow-unrelated-histories');
  args.push(a, b);
  const run = await execGit(args, { cwd: repoDir, ...(options.env ? { env: options.env } : {}) });
  const parsed = parseMergeTreeOutput(run.stdout, run.code);
  if (!parsed) {
    const said = (run.stderr || run.stdout).trim().split('\n')[0] ?? '';
    const unrelated = /unrelated histories/i.test(said);
    return {
      ok: false,
      error: unrelated ? `no common base: ${a} and ${b} have unrelated histories` : `git merge-tree failed (exit ${run.code}): ${said}`,
    };
  }
  return { ok: true, ...parsed };
}
