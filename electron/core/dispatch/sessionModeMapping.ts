import { LAUNCH_MODES, type ExecMode, type LaunchMode } from '../../../shared/domain/dispatch';
import { agentInfo, type AgentId } from './agents';
import { analysisOnlyLabel, parseExecMode } from './phaseFacts';

/** §2 primary mapping (tasks that produce code/file changes). */
export const PRIMARY_MAPPING: Readonly<Record<ExecMode, { launchAs: LaunchMode; agents: readonly string[]; rationale: string }>> = {
  quick: { launchAs: 'Bypass permissions', agents: ['Claude Code', 'cto.new', 'Copilot'], rationale: 'Well-defined, no ambiguity, just execute' },
  tdd: { launchAs: 'Bypass permissions', agents: ['Claude Code', 'Cursor', 'Cyrus'], rationale: 'Red-green-refactor is autonomous once started' },
  pair: { launchAs: 'Plan mode', agents: ['Claude Code'], rationale: 'Explore + get human input, then implement after approval' },
  checkpoint: { launchAs: 'Ask permissions', agents: ['Claude Code'], rationale: 'Pauses at gates, human approves each step' },
  swarm: { launchAs: 'Bypass permissions', agents: ['Claude Code (Tembo Phase 3)'], rationale: 'Subagent orchestration is autonomous' },
  spike: { launchAs: 'Bypass permissions', agents: ['Claude Code', 'cto.new'], rationale: 'Exploration that produces artifacts (files, docs)' },
};

/** Agent ids allowed per mode (swarm names Tembo for its Phase 3). */
const AGENT_IDS: Readonly<Record<ExecMode, readonly AgentId[]>> = {
  quick: ['claude-code', 'cto.new', 'copilot'],
  tdd: ['claude-code', 'cursor', 'cyrus'],
  pair: ['claude-code'],
  checkpoint: ['claude-code'],
  swarm: ['claude-code', 'tembo'],
  spike: ['claude-code', 'cto.new'],
};

export interface LaunchDecision {
  launchAs: LaunchMode | null;
  /** Why, in the rule book's words. */
  reason: string;
  /** True when the analysis-only override decided it. */
  override: boolean;
}

/** What §2 asks beyond the exec mode: does the session change code, and is it an investigation? */
export interface LaunchFacts {
  analysisOnly: boolean;
  /** The session changes code; with exec `spike` it is an investigation with code changes → Plan mode. */
  changesCode?: boolean;
}

/**
 * Launch mode for a session: analysis-only (no code/file changes) is always Bypass permissions,
 * whatever the exec mode; an investigation with code changes is Plan mode; otherwise the exec
 * mode's primary mapping; null when the exec mode is unknown. A row can be passed as the facts.
 */
export function launchModeFor(exec: ExecMode | null, facts: boolean | LaunchFacts): LaunchDecision {
  const { analysisOnly, changesCode = false } = typeof facts === 'boolean' ? { analysisOnly: facts } : facts;
  if (exec === 'spike' && changesCode && !analysisOnly) {
    return {
      launchAs: 'Plan mode',
      reason: 'Investigation with code changes: Plan mode — plan the approach, then implement (§2 override table).',
      override: true,
    };
  }
  if (analysisOnly) {
    return {
      launchAs: 'Bypass permissions',
      reason: 'No code/file changes to the repo (analysis, evaluation, recommendation): always Bypass permissions — the plan IS the deliverable.',
      override: true,
    };
  }
  if (exec === null) return { launchAs: null, reason: 'Unknown exec mode: no launch mode can be derived.', override: false };
  const m = PRIMARY_MAPPING[exec];
  return { launchAs: m.launchAs, reason: `exec:${exec} → ${m.launchAs}: ${m.rationale}.`, override: false };
}

export function agentOptionsFor(exec: ExecMode): readonly string[] {
  return PRIMARY_MAPPING[exec].agents;
}

/** Is the agent among the §2 options for this mode? Unknown modes allow nothing to be checked (true). */
export function agentAllowedFor(exec: ExecMode | null, agent: string | null): boolean {
  if (exec === null) return true;
  return AGENT_IDS[exec].includes(agentInfo(agent).id);
}

/** The `Exec mode` field as the rule book writes it: `spike (analysis-only)` when the override applies. */
export function execModeLabel(exec: ExecMode | null, analysisOnly: boolean): string | null {
  if (exec === null) return null;
  return analysisOnly ? `${exec} (analysis-only)` : exec;
}

export interface PromptModeLine {
  exec: ExecMode | null;
  analysisOnly: boolean;
  launchAs: LaunchMode | null;
  worktree: 'yes' | 'no' | 'n/a' | null;
}

/**
 * Reads the prompt's mode line back, as the rule book writes it:
 * `Execution mode: spike (analysis-only) | Launch as: Bypass permissions | Worktree: no`, or the
 * bold form `**Exec mode:** pair | **Launch as:** Plan mode`. Null when the text has no such line.
 */
export function parsePromptModeLine(text: string): PromptModeLine | null {
  const line = text.split(/\r?\n/).find((l) => /\b(?:execution|exec)\s+mode\s*:?\**\s*:?/i.test(l.replace(/\*/g, '')));
  if (line === undefined) return null;
  const plain = line.replace(/\*/g, '');
  const field = (name: string): string | null => new RegExp(`${name}\\s*:\\s*([^|]*)`, 'i').exec(plain)?.[1]?.trim() ?? null;
  const mode = field('(?:execution|exec)\\s+mode');
  const launch = field('launch\\s+as');
  const worktree = field('worktree')?.toLowerCase() ?? null;
  const launchAs = LAUNCH_MODES.find((m) => m.toLowerCase() === (launch ?? '').toLowerCase()) ?? null;
  return {
    exec: parseExecMode(mode),
    analysisOnly: analysisOnlyLabel(mode),
    launchAs,
    worktree: worktree === 'yes' || worktree === 'no' || worktree === 'n/a' ? worktree : null,
  };
}
