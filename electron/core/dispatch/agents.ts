/**
 * Agents a dispatch row can name. Only Claude Code sessions run locally against the repo (worktrees,
 * CCC awareness); every other agent works in its own sandbox (§8: Worktree `n/a`).
 */

export type AgentId = 'claude-code' | 'tembo' | 'cto.new' | 'cursor' | 'copilot' | 'cyrus' | 'codex' | 'other';

export interface AgentInfo {
  id: AgentId;
  /** Display name as the rule book writes it. */
  label: string;
  external: boolean;
  /** Branch prefix for `{agent}/{issue-id}-{slug}`; null when the agent names its own branches. */
  branchPrefix: string | null;
}

const KNOWN: readonly { id: AgentId; label: string; match: RegExp; branchPrefix: string | null }[] = [
  { id: 'claude-code', label: 'Claude Code', match: /^(claude( code)?|claude-code|cc)$/, branchPrefix: 'claude' },
  { id: 'tembo', label: 'Tembo', match: /^tembo/, branchPrefix: null },
  { id: 'cto.new', label: 'cto.new', match: /^cto(\.new)?$/, branchPrefix: null },
  { id: 'cursor', label: 'Cursor', match: /^cursor/, branchPrefix: 'cursor' },
  { id: 'copilot', label: 'Copilot', match: /^(github )?copilot/, branchPrefix: null },
  { id: 'cyrus', label: 'Cyrus', match: /^cyrus/, branchPrefix: null },
  { id: 'codex', label: 'Codex', match: /^codex/, branchPrefix: null },
];

/** Reads an agent name as written in a plan; null/empty means Claude Code (or a human running it). */
export function agentInfo(name: string | null | undefined): AgentInfo {
  const n = (name ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (n === '' || n === 'human' || n === 'unassigned') {
    return { id: 'claude-code', label: 'Claude Code', external: false, branchPrefix: 'claude' };
  }
  for (const k of KNOWN) {
    if (k.match.test(n)) return { id: k.id, label: k.label, external: k.id !== 'claude-code', branchPrefix: k.branchPrefix };
  }
  return { id: 'other', label: (name ?? '').trim(), external: true, branchPrefix: null };
}

export function isExternalAgent(name: string | null | undefined): boolean {
  return agentInfo(name).external;
}
