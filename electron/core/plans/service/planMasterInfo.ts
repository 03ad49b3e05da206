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

/** `**Repo:** /path` (also `Repository:`, `Project:`, `Launch from:`) as written in the plan's header lines. */
export function planRepoLine(text: string): string | null {
  const m = /^\*\*(?:Repo|Repository|Project|Launch from):\*\*\s*`?([^`\r\n]+?)`?\s*$/im.exec(text);
  return m?.[1]?.trim() || null;
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
