/** The demo master plan, in the plan format of formats.md §2.1, with the rule book's table shapes. */
export function demoMasterPlan(opts: { date: string; repoPath: string }): string {
  const link = (id: string) => `[${id}](https://linear.app/claudian/issue/${id})`;
  return `# Dispatch console for parallel sessions

**Parent issue:** [CIA-540: Dispatch console for parallel sessions](https://linear.app/claudian/issue/CIA-540)
**Date:** ${opts.date}
**Session:** composed-crunching-raven
**Repo:** ${opts.repoPath}

## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
| ${link('CIA-541')} | Session exit skill | In Progress | tdd | 3 | None |
| ${link('CIA-542')} | Dispatch rules engine | In Progress | pair | 5 | None |
| ${link('CIA-543')} | Review gates in /go | In Progress | checkpoint | 3 | None |
| ${link('CIA-544')} | Insights v2 research | In Progress | spike | 2 | None |
| ${link('CIA-545')} | Merge console | Todo | tdd | 5 | CIA-542, CIA-543 |
| CIA-546 | Release notes | Todo | quick | 1 | CIA-541 |

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('CIA-541')} | Session exit skill | 1 | None |
| 1B | ${link('CIA-542')} | Dispatch rules engine | 1 | None (parallel with 1A) |
| 1C | ${link('CIA-543')} | Review gates in /go | 1 | None (parallel with 1A) |
| 1D | ${link('CIA-544')} | Insights v2 research | 1 | None |
| 2A | ${link('CIA-545')} | Merge console | 2 | 1B, 1C |
| 2B | CIA-546 | Release notes | 2 | 1A |

## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| S-A | ${link('CIA-541')} | Session exit skill | tdd | ~$4 | Claude Code | yes |
| S-B | ${link('CIA-542')} | Dispatch rules engine | pair | ~$6 | Claude Code | yes |
| S-C | ${link('CIA-543')} | Review gates in /go | checkpoint | ~$5 | Claude Code | yes |
| S-D | ${link('CIA-544')} | Insights v2 research | spike | ~$3 | Claude Code | yes |

Merge order: 1A, 1B, 1C, 1D

## Dispatch — Batch 2

Proposed by the planning session; waiting for approval.

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 2A | ${link('CIA-545')} | Merge console | tdd | ~$12 | Claude Code | yes |
| 2B | CIA-546 | Release notes | quick | ~$2 | Claude Code | yes |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| lucid-euler | ${link('CIA-541')} | 1A | Claude Code | yes | claude/cia-541-session-exit | Done |
| brave-hopper | ${link('CIA-542')} | 1B | Claude Code | yes | claude/cia-542-dispatch-rules | Active |
| quiet-lovelace | ${link('CIA-543')} | 1C | Claude Code | yes | claude/cia-543-review-gates | Active |
| (direct main) | ${link('CIA-540')} | 0 | Claude Code | no | main | Done |

## Key Files

| File | Purpose |
|------|---------|
| \`skills/session-exit/SKILL.md\` | 1A: exit protocol |
| \`skills/dispatch/rules.md\` | 1B: decision tree |
| \`commands/go.md\` | 1B and 1C both edit the /go command |
| \`skills/review/gates.md\` | 1C: review gates |
| \`.github/workflows/ci.yml\` | shared CI config |
| \`CHANGELOG.md\` | 2A and 2B both add release entries |

## Verification

- [x] Batch 1 dispatch table approved
- [ ] All batch 1 branches merged in order
- [ ] Insights research assessed (SUFFICIENT / INSUFFICIENT)

## Dispatch Approvals

- ${opts.date}T09:12:00.000Z — Batch 1 approved by demo: 4 session(s) 1A, 1B, 1C, 1D; merge order 1A → 1B → 1C → 1D; OVERRIDE of 1 violation(s) (cap.mixed): "1D is a read-only research track that only writes its report"
`;
}

/** A second plan whose name breaks the naming convention, so the Plans view has something to flag. */
export function demoRandomlyNamedPlan(): string {
  return `# Quick spike on hook latency

**Parent issue:** CIA-550
**Date:** 2026-11-18

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | CIA-550 | Measure hook latency | 1 | None |
`;
}
