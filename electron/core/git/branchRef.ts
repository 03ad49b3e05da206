/** The full ref of a branch name (`x` → `refs/heads/x`); a name that already is a ref stays as it is. */
export function branchRef(branch: string): string {
  return branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
}
