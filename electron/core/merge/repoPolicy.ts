import { access, constants } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { MergeStrategy } from '../../../shared/domain/merge';
import { configBool, configValue } from '../git/config';
import { gitCommonDir } from '../git/revParse';
import { committerIdent } from '../git/var';

/** Hooks a plain `git merge` / `git merge --squash` + commit / `git rebase` would have run. */
export const HOOKS_BY_STRATEGY: Record<MergeStrategy, readonly string[]> = {
  merge: ['pre-merge-commit', 'prepare-commit-msg', 'commit-msg', 'post-merge', 'reference-transaction'],
  squash: ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'reference-transaction'],
  rebase: ['pre-rebase', 'post-rewrite', 'reference-transaction'],
};

export interface RepoPolicy {
  /** commit.gpgSign is on: we will not create unsigned commits silently. */
  signingRequired: boolean;
  identityMissing: string | null;
  /** Executable hooks present that Switchyard does not run (it uses plumbing). */
  hooksPresent: string[];
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function readRepoPolicy(repoDir: string, strategy: MergeStrategy): Promise<RepoPolicy> {
  const signingRequired = await configBool(repoDir, 'commit.gpgSign');
  const ident = await committerIdent(repoDir);
  const hooksPath = await configValue(repoDir, 'core.hooksPath');
  const hooksDir = hooksPath ? (isAbsolute(hooksPath) ? hooksPath : join(repoDir, hooksPath)) : join(await gitCommonDir(repoDir), 'hooks');
  const hooksPresent: string[] = [];
  for (const name of HOOKS_BY_STRATEGY[strategy]) {
    if (await executable(join(hooksDir, name))) hooksPresent.push(name);
  }
  return {
    signingRequired,
    identityMissing: ident.ok ? null : ident.error,
    hooksPresent,
  };
}
