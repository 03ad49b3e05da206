import type { Batch, DispatchRowDraft, MergeOrder, PhaseFacts, Violation } from '../../../shared/domain/dispatch';
import { agentInfo } from './agents';
import { batchKind, checkBatches, type BatchRuleOptions } from './batchRules';
import { followsBranchConvention, isBaseBranch, slugify } from './branchName';
import { decisionIndex, decisionList, type Decisions } from './decisionIndex';
import { dependencyGraph, findCycles } from './dependencyGraph';
import { evaluatedPhases } from './phaseCap';
import { estimateAppliesResearchCost, researchCostRange } from './researchCost';
import { isUnreviewedFailure } from './phaseFacts';
import { dedupeViolations, violation } from './ruleBook';
import { agentAllowedFor, agentOptionsFor, launchModeFor } from './sessionModeMapping';

export interface CheckDispatchOptions extends BatchRuleOptions {
  /** The user's cost profile; `unlimited` turns off the ">$10 → checkpoint" warning. */
  costProfile?: string | null;
}

const LINEAR_ISSUE_URL = /^https:\/\/linear\.app\/[^/\s]+\/issue\/([A-Za-z][A-Za-z0-9]*-\d+)(?:[/?#]\S*)?$/;

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}

function batchesFromRows(rows: readonly DispatchRowDraft[], byId: ReadonlyMap<string, PhaseFacts>): Batch[] {
  return [...groupBy(rows, (r) => r.batch).entries()]
    .sort(([x], [y]) => x - y)
    .map(([index, rs]) => {
      const ids = [...new Set(rs.map((r) => r.phase))];
      return { index, phases: ids, kind: batchKind(ids, byId) };
    });
}

function checkIssues(rows: readonly DispatchRowDraft[], byId: ReadonlyMap<string, PhaseFacts>): Violation[] {
  const out: Violation[] = [];
  for (const p of byId.values()) {
    if (p.issueIds.length > 1) {
      out.push(
        violation(
          'issue.one-session',
          `Phase ${p.phase} lists ${p.issueIds.length} issues (${p.issueIds.join(', ')}); a session gets exactly one issue — split the phase or dispatch one session per issue.`,
          { phases: [p.phase] },
          'warning',
        ),
      );
    }
  }
  for (const r of rows) {
    if (r.issueId.trim() === '') {
      out.push(violation('issue.linked', `Session ${r.session} has no issue.`, { row: r.session, phases: [r.phase] }));
    } else if (r.issueUrl === null || LINEAR_ISSUE_URL.exec(r.issueUrl)?.[1]?.toUpperCase() !== r.issueId.toUpperCase()) {
      out.push(
        violation(
          'issue.linked',
          `Session ${r.session}: ${r.issueId} is not linked to https://linear.app/<workspace>/issue/${r.issueId}${r.issueUrl ? ` (got ${r.issueUrl})` : ''}.`,
          { row: r.session, phases: [r.phase] },
        ),
      );
    }
  }
  for (const [issue, rs] of groupBy(rows.filter((r) => r.issueId.trim() !== ''), (r) => r.issueId.toUpperCase())) {
    if (rs.length < 2) continue;
    for (const [batch, same] of groupBy(rs, (r) => r.batch)) {
      if (same.length < 2) continue;
      const sessions = same.map((r) => r.session);
      out.push(
        violation(
          'issue.one-session',
          `${issue} is assigned to ${same.length} parallel sessions in batch ${batch} (${sessions.join(', ')}); concurrent writes to the same issue will race.`,
          { batch, row: sessions.join(', '), phases: same.map((r) => r.phase) },
        ),
      );
      const agents = [...new Set(same.map((r) => agentInfo(r.agent).label))];
      if (agents.length > 1) {
        out.push(
          violation(
            'issue.one-agent',
            `${issue} is assigned to ${agents.join(' and ')} at the same time in batch ${batch}; Linear assignment is exclusive.`,
            { batch, row: sessions.join(', ') },
          ),
        );
      }
    }
    const batches = [...new Set(rs.map((r) => r.batch))];
    if (batches.length > 1) {
      out.push(
        violation(
          'issue.one-session',
          `${issue} is worked by ${rs.length} sessions in batches ${batches.join(', ')} (${rs.map((r) => r.session).join(', ')}); check the later ones do not overwrite the earlier ones' issue updates.`,
          { row: rs.map((r) => r.session).join(', ') },
          'warning',
        ),
      );
    }
  }
  return out;
}

function checkMergeOrder(batches: readonly Batch[], decisionsInput: Decisions, mergeOrder: MergeOrder): Violation[] {
  const decisions = decisionIndex(decisionsInput);
  const out: Violation[] = [];
  for (const b of batches) {
    for (let i = 0; i < b.phases.length; i += 1) {
      for (let j = i + 1; j < b.phases.length; j += 1) {
        const x = b.phases[i];
        const y = b.phases[j];
        if (x === undefined || y === undefined) continue;
        const d = decisions.get(x, y);
        if (d?.verdict !== 'PARALLEL_WITH_BRANCH_STRATEGY') continue;
        const mx = mergeOrder[x];
        const my = mergeOrder[y];
        if (mx === undefined || my === undefined || mx === my) {
          out.push(
            violation(
              'merge.order-required',
              `${x} and ${y} run in parallel in batch ${b.index} and both touch ${d.sharedFiles.join(', ')}, but ${
                mx === undefined || my === undefined ? 'no merge order is set for ' + [mx === undefined ? x : null, my === undefined ? y : null].filter(Boolean).join(' and ') : `both have merge position ${mx}`
              }.`,
              { batch: b.index, phases: [x, y] },
            ),
          );
        }
      }
    }
  }
  return out;
}

function checkWorktrees(rows: readonly DispatchRowDraft[]): Violation[] {
  const out: Violation[] = [];
  for (const [batch, rs] of groupBy(rows, (r) => r.batch)) {
    const local = rs.filter((r) => !agentInfo(r.agent).external);
    for (const r of rs) {
      const where = { batch, row: r.session, phases: [r.phase] };
      const info = agentInfo(r.agent);
      if (info.external) {
        if (r.worktree !== 'n/a') {
          out.push(violation('worktree.external', `Session ${r.session} runs on ${info.label} (its own sandbox): Worktree must be n/a, not ${r.worktree}.`, where));
        }
      } else if (r.worktree === 'n/a') {
        out.push(violation('worktree.external', `Session ${r.session} is a Claude Code session: n/a is only for external agents.`, where));
      } else if (local.length >= 2 && r.worktree === 'no' && r.branch !== null && isBaseBranch(r.branch)) {
        // Said on purpose (`(direct main)`, Branch `main`): §6's own registry runs one beside a worktree session.
        out.push(
          violation(
            'worktree.parallel',
            `Session ${r.session} works directly on \`${r.branch}\` while ${local.length - 1} other Claude Code session(s) run in batch ${batch}: worktrees are the recommended default for parallel sessions (§8); if it stays on ${r.branch}, push it directly when done.`,
            where,
            'warning',
          ),
        );
      } else if (local.length >= 2 && r.worktree !== 'yes') {
        out.push(
          violation(
            'worktree.parallel',
            `Session ${r.session} runs in parallel with ${local.length - 1} other Claude Code session(s) on the same repo in batch ${batch}: Worktree must be yes.`,
            where,
          ),
        );
      } else if (rs.length === 1 && r.worktree === 'yes') {
        out.push(violation('worktree.solo', `Session ${r.session} runs alone in batch ${batch}: Worktree should be no.`, where, 'warning'));
      }
    }
  }
  return out;
}

/**
 * `claude/{session-name}` (§8 "it identifies the branch (`claude/{session-name}`)"; formats.md §1.4):
 * the Desktop app's `claude/lucid-euler`, `claude/composed-crunching-raven`, or its newer
 * `claude/MMDD-<name>-<hex>`.
 */
export function isSessionNameBranch(branch: string): boolean {
  return /^claude\/[a-z]+(?:-[a-z]+){1,2}$/.test(branch) || /^claude\/\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{4,}$/.test(branch);
}

function checkBranches(rows: readonly DispatchRowDraft[]): Violation[] {
  const out: Violation[] = [];
  for (const r of rows) {
    const info = agentInfo(r.agent);
    const where = { batch: r.batch, row: r.session, phases: [r.phase] };
    const expected = `${info.branchPrefix ?? slugify(info.label)}/${slugify(r.issueId, 64)}-{slug}`;
    if (info.id === 'claude-code') {
      if (r.branch === null || r.branch.trim() === '') {
        out.push(violation('branch.naming', `Session ${r.session} has no branch; expected ${expected}.`, where));
      } else if (r.worktree === 'no' && isBaseBranch(r.branch)) {
        // §8 "Non-worktree on main": a sanctioned session type (push main directly), not a naming mistake.
      } else if (!followsBranchConvention(r.branch, 'claude', r.issueId) && !isSessionNameBranch(r.branch)) {
        out.push(violation('branch.naming', `Session ${r.session} branch "${r.branch}" does not follow ${expected}.`, where));
      }
    } else if (info.branchPrefix === null) {
      // Agents that name their own branches (Copilot "auto-named", Tembo, cto.new): document, do not judge (Agent-Aware Dispatch).
    } else if (r.branch !== null && r.branch.trim() !== '') {
      const prefix = info.branchPrefix ?? slugify(info.label);
      if (!followsBranchConvention(r.branch, prefix, r.issueId, true)) {
        out.push(
          violation(
            'branch.naming',
            `Session ${r.session} (${info.label}) branch "${r.branch}" does not follow ${prefix}/${slugify(r.issueId, 64)}[-{slug}]; document the agent's real branch in the session registry.`,
            where,
            'warning',
          ),
        );
      }
    }
  }
  for (const [branch, rs] of groupBy(rows.filter((r) => r.branch !== null && r.branch.trim() !== '' && r.branch !== 'main'), (r) => r.branch)) {
    if (rs.length > 1) {
      out.push(
        violation('branch.unique', `Branch ${branch ?? ''} is used by ${rs.map((r) => r.session).join(', ')}; git branches must not conflict.`, {
          row: rs.map((r) => r.session).join(', '),
        }),
      );
    }
  }
  return out;
}

function checkModesAndCosts(rows: readonly DispatchRowDraft[], byId: ReadonlyMap<string, PhaseFacts>, costProfile: string | null): Violation[] {
  const out: Violation[] = [];
  for (const r of rows) {
    const where = { batch: r.batch, row: r.session, phases: [r.phase] };
    const raw = byId.get(r.phase)?.execRaw ?? null;
    if (r.mode === null) {
      out.push(
        violation(
          'exec.unknown',
          raw ? `Session ${r.session}: exec mode "${raw}" is not one of quick, tdd, pair, checkpoint, swarm, spike.` : `Session ${r.session} has no exec mode.`,
          where,
        ),
      );
    }
    const expected = launchModeFor(r.mode, { analysisOnly: r.analysisOnly, changesCode: r.changesCode ?? byId.get(r.phase)?.producesCode === true });
    if (r.launchAs === null) {
      out.push(violation('launch.mapping', `Session ${r.session} has no "Launch as" mode${expected.launchAs ? `; expected ${expected.launchAs}` : ''}.`, where));
    } else if (expected.launchAs !== null && r.launchAs !== expected.launchAs) {
      out.push(violation('launch.mapping', `Session ${r.session} launches as ${r.launchAs}; ${expected.reason}`, where, 'warning'));
    }
    if (r.mode !== null && !agentAllowedFor(r.mode, r.agent)) {
      out.push(
        violation(
          'agent.mode-options',
          `Session ${r.session}: ${agentInfo(r.agent).label} is not among the agent options for exec:${r.mode} (${agentOptionsFor(r.mode).join(', ')}).`,
          where,
          'warning',
        ),
      );
    }
    const phase = byId.get(r.phase);
    if (phase?.readOnlyResearch === true && r.estCostUsd !== null && !estimateAppliesResearchCost(phase, r.estCostUsd)) {
      const [low, high] = researchCostRange(r.estCostUsd);
      out.push(
        violation(
          'cost.research',
          `Session ${r.session} is a research track (${phase.sources.readOnlyResearch ?? 'read-only research'}): its estimate ~$${r.estCostUsd} does not show the 2-4× MCP calls research takes; expect ~$${low}–$${high}, or write the estimate as a range or with "×2-4".`,
          where,
          'warning',
        ),
      );
    }
    if (r.estCostUsd === null) {
      out.push(violation('cost.missing', `Session ${r.session} has no cost estimate.`, where));
    } else if (r.estCostUsd > 10 && (costProfile ?? '').toLowerCase() !== 'unlimited' && r.mode !== 'checkpoint') {
      out.push(
        violation(
          'cost.checkpoint',
          `Session ${r.session} is estimated at $${r.estCostUsd} (>$10) with a ${costProfile ?? 'non-unlimited'} cost profile: run it as checkpoint or confirm the budget.`,
          where,
          'warning',
        ),
      );
    }
  }
  return out;
}

function checkGraph(rows: readonly DispatchRowDraft[], phases: readonly PhaseFacts[], decisionsInput: Decisions, all: readonly PhaseFacts[]): Violation[] {
  const out: Violation[] = [];
  const decisions = decisionIndex(decisionsInput);
  const byId = new Map(phases.map((p) => [p.phase, p]));
  const known = all.length === phases.length ? byId : new Map(all.map((p) => [p.phase, p]));
  const g = dependencyGraph(phases, decisionList(decisions));
  for (const cycle of findCycles(g)) {
    out.push(violation('dependency.cycle', `Dependency cycle: ${cycle.join(' → ')}.`, { phases: [...new Set(cycle)] }));
  }
  for (const p of phases) {
    for (const dep of p.dependsOn) {
      if (!known.has(dep)) {
        out.push(violation('dependency.unknown', `${p.phase} depends on "${dep}", which is not a phase of this plan.`, { phases: [p.phase] }, 'warning'));
      }
    }
    for (const other of p.parallelWith) {
      const d = decisions.get(p.phase, other);
      if (d?.verdict === 'SEQUENTIAL') {
        out.push(
          violation(
            'tree.declared-parallel',
            `The plan declares ${p.phase} parallel with ${other}, but the decision tree says SEQUENTIAL: ${d.path.slice(-2).join(' → ')}`,
            { phases: [p.phase, other] },
            'warning',
          ),
        );
      }
    }
  }
  for (const r of rows) {
    for (const pred of g.preds.get(r.phase) ?? []) {
      const p = byId.get(pred);
      if (p && isUnreviewedFailure(p)) {
        out.push(
          violation(
            'failed.dependency',
            `Session ${r.session} (${r.phase}) depends on the output of ${pred}, whose session Failed${p.status && p.status.trim().toLowerCase() !== 'failed' ? ` (${p.status.trim()})` : ''}; a human must review it first.`,
            { batch: r.batch, row: r.session, phases: [pred, r.phase] },
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Checks a (possibly hand-edited) dispatch table against the rule book. Every violation names the
 * rule and quotes the line it breaks. Nothing is fixed silently.
 */
export function checkDispatch(
  rows: readonly DispatchRowDraft[],
  allPhases: readonly PhaseFacts[],
  decisions: Decisions,
  mergeOrder: MergeOrder,
  options: CheckDispatchOptions = {},
): Violation[] {
  const phases = evaluatedPhases(allPhases);
  const byId = new Map(phases.map((p) => [p.phase, p]));
  const batches = batchesFromRows(rows, byId);
  const sessions = new Map([...groupBy(rows, (r) => r.batch)].map(([b, rs]) => [b, rs.length]));
  return dedupeViolations([
    ...checkBatches(batches, phases, decisions, options, sessions),
    ...checkGraph(rows, phases, decisions, allPhases),
    ...checkMergeOrder(batches, decisions, mergeOrder),
    ...checkIssues(rows, byId),
    ...checkWorktrees(rows),
    ...checkBranches(rows),
    ...checkModesAndCosts(rows, byId, options.costProfile ?? null),
  ]);
}
