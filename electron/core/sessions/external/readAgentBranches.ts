import type { GitFacts } from '../../../../shared/domain/session';
import { diffNames } from '../../git/diff';
import { forEachRef } from '../../git/forEachRef';
import type { GitRunner } from '../../git/gitRunner';
import { countLeftRight } from '../../git/revList';
import { chooseBase, emptyGitFacts } from '../git/readGitFacts';
import { agentBranch } from './agentBranch';

export interface AgentBranchWanted {
  /** The record id the facts are for. */
  key: string;
  agent: string | null;
  branch: string | null;
  issueId: string | null;
}

const FIELDS = {
  refname: '%(refname)',
  symref: '%(symref)',
  objectname: '%(objectname)',
  committedAt: '%(committerdate:iso-strict)',
  subject: '%(contents:subject)',
} as const;

/**
 * Git facts of the branches external agents pushed, read from each repository's main checkout: one
 * for-each-ref per repository, then a count and a diff per branch found. Local branches and
 * `refs/remotes/origin/*` as the last fetch left them (nothing is fetched here). First repository
 * holding the branch wins; a repository git cannot read is skipped (its worktrees say why).
 */
export async function readAgentBranches(repos: readonly string[], wanted: readonly AgentBranchWanted[], git: GitRunner): Promise<Map<string, GitFacts>> {
  const found = new Map<string, GitFacts>();
  if (wanted.length === 0) return found;
  for (const repo of repos) {
    const open = wanted.filter((w) => !found.has(w.key));
    if (open.length === 0) break;
    const read = await forEachRef(repo, FIELDS, ['refs/heads/', 'refs/remotes/origin/'], git);
    if (!read.ok) continue;
    const refs = read.value;
    const byName = new Map(refs.map((r) => [r.refname, r] as const));
    const names = [
      ...new Set(
        refs
          .filter((r) => r.refname !== 'refs/remotes/origin/HEAD')
          .map((r) => r.refname.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/origin\//, '')),
      ),
    ];
    await Promise.all(
      open.map(async (w) => {
        const branch = agentBranch(w, names);
        if (!branch) return;
        // The person's local copy when there is one (it is what they would merge), else origin's.
        const line = byName.get(`refs/heads/${branch}`) ?? byName.get(`refs/remotes/origin/${branch}`);
        if (!line) return;
        const facts = emptyGitFacts();
        facts.branch = branch;
        facts.head = line.objectname || null;
        facts.lastCommitAt = line.committedAt || null;
        facts.lastCommitSubject = line.subject || null;
        found.set(w.key, facts);
        const base = chooseBase({ branch, configuredBase: null, refs: refs.map(({ refname, symref }) => ({ refname, symref })) });
        if (!base || base.baseBranch === branch) return;
        facts.baseBranch = base.baseBranch;
        facts.baseRef = base.baseRef;
        const [counted, diffed] = await Promise.all([
          countLeftRight(repo, base.baseRef, line.refname, git),
          diffNames(repo, `${base.baseRef}...${line.refname}`, { noRenames: true }, git),
        ]);
        if (counted.ok) {
          facts.behind = counted.value.left;
          facts.ahead = counted.value.right;
        } else {
          facts.error = counted.error;
        }
        if (diffed.ok) facts.filesChangedVsBase = diffed.value.sort();
      }),
    );
  }
  return found;
}
