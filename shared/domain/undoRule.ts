/**
 * The undo rule, shared by the engine (which enforces it) and the Merge view (which explains it):
 * a move is undone by resetting the branch only while the branch is exactly where the move left it.
 * Anything on top (a person's own commit) would be reset away, so the answer is a revert commit.
 * Null means the reset is safe (or the move's result is unknown and the caller's own check applies).
 */
export function undoBlockedReason(branch: string, current: string | null, leftAt: string | null | undefined): string | null {
  if (!leftAt || current === leftAt) return null;
  return `'${branch}' has moved since this merge (it left '${branch}' at ${leftAt.slice(0, 8)}, now ${current?.slice(0, 8) ?? 'nothing'}): undo would reset away the commits made since and rewrite the checkout. Revert instead: a new commit that takes the merge's changes back out and keeps everything after it.`;
}
