import type { MasterInfoInput } from '../../../../shared/domain/dispatch';
import type { ParsedPlan } from '../../../../shared/domain/plan';

const WORKSPACE = /^https:\/\/linear\.app\/([^/\s]+)\/issue\//;

/** The Linear workspace slug the plan's own links use (the parent issue first), or null. */
export function planWorkspace(plan: ParsedPlan): string | null {
  const urls = [
    plan.header.parentIssue?.url ?? null,
    ...plan.issueRegistry.map((r) => r.issue.url),
    ...plan.phases.flatMap((p) => p.issues.map((i) => i.url)),
    ...plan.dispatchTables.flatMap((t) => t.rows.map((r) => r.issue?.url ?? null)),
  ];
  for (const url of urls) {
    const m = url ? WORKSPACE.exec(url) : null;
    if (m?.[1]) return m[1];
  }
  return null;
}

const REPO_LINE = /^[ \t>*_-]*(?:\*\*|__)?(?:plugin repo|repo|repository|project|launch from|repo path)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*`?([^`\r\n]+?)`?(?:\s*\(.*\))?[ \t]*$/im;

/**
 * The repository a plan names (§4 `{PLUGIN_REPO_OR_PROJECT}: {REPO_PATH}`, `Launch from: {REPO_PATH}`):
 * `**Repo:** /path`, `Plugin repo: ~/x`, `Project: ~/code/y`, `Repo: C:\src\z`, bold or not. Only a
 * value that looks like a path counts (`Project: billing rewrite` is a name, not a repository).
 */
export function planRepoLine(text: string): string | null {
  const m = REPO_LINE.exec(text);
  const value = m?.[1]?.trim() ?? '';
  return /^(?:~|\.{0,2}[\\/]|[A-Za-z]:[\\/]|\$HOME)/.test(value) ? value : null;
}

/** `Cost profile: unlimited` (or `**Cost profile:** capped`) in the plan: the §4 ">$10 → checkpoint" switch. */
export function planCostProfile(text: string): string | null {
  const m = /^[ \t>*_-]*(?:\*\*|__)?cost profile(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*`?([A-Za-z][\w -]*?)`?[ \t.]*$/im.exec(text);
  return m?.[1]?.trim().toLowerCase() ?? null;
}

/**
 * What the prompt template needs about the master plan. REPO_PATH: the plan's own `**Repo:**` line,
 * else the repository its sessions' worktrees belong to (`repoHint`), else the only known repository;
 * left unfilled (and flagged) only when none of these says.
 */
export function planMasterInfo(plan: ParsedPlan, text: string, repos: readonly string[], repoHint: string | null = null): MasterInfoInput {
  return {
    issueId: plan.header.parentIssue?.id ?? '',
    title: plan.header.parentTitle ?? plan.title,
    url: plan.header.parentIssue?.url ?? null,
    repoPath: planRepoLine(text) ?? repoHint ?? (repos.length === 1 ? (repos[0] ?? '') : ''),
    workspace: planWorkspace(plan) ?? '',
    planFileName: plan.fileName,
  };
}
