import type { PlanSection } from '../../../shared/domain/plan';
import { normalizeHeading } from './headingText';
import type { PlanEdit } from './planFile';
import { indexPlan } from './planIndex';
import { appendToSection } from './planWriter';
import { appendLinesToSection } from './sectionEdit';

/**
 * §8 Session Exit, what Switchyard writes for a session that finished: its summary section in the
 * plan ("Write a session summary to the plan file"), once, and — when the conflict matrix predicts
 * a conflict with another session — the comment for the master plan issue ("If merge conflicts are
 * anticipated, flag in a Linear comment on the master plan issue -- human resolves"). Pure.
 */

export const SUMMARIES_HEADING = 'Session Summaries';
const SUMMARY_SECTIONS = ['session summaries', 'session summary', 'session exit', 'session exits', 'session exit summaries'];
const SUMMARY_HEADING = /^session summary\s*[—–-]+\s*(.+)$/i;

export interface PredictedConflict {
  /** The other session as people know it (registry name, else its branch). */
  otherSession: string;
  otherBranch: string;
  files: string[];
}

export interface SessionExitFacts {
  /** The session's name (Claude Code's, when known). */
  session: string;
  issueId: string | null;
  issueUrl: string | null;
  phase: string | null;
  branch: string | null;
  base: string | null;
  ahead: number | null;
  files: readonly string[];
  tokens: number | null;
  costUsd: number | null;
  estimateUsd: number | null;
  /** Why it counts as done ("Claude said TASK_COMPLETE and all work is committed"). */
  doneBy: string;
  tasks: { done: number; total: number } | null;
  endedAt: string;
  conflicts: readonly PredictedConflict[];
}

function issueText(f: Pick<SessionExitFacts, 'issueId' | 'issueUrl'>): string | null {
  if (!f.issueId) return null;
  return f.issueUrl ? `[${f.issueId}](${f.issueUrl})` : f.issueId;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `### Session summary — lucid-euler ([CIA-541](…))`. */
export function summaryHeading(f: SessionExitFacts): string {
  const issue = issueText(f);
  return `### Session summary — ${words(f.session)}${issue ? ` (${issue})` : ''}`;
}

/** Does the plan already hold this session's summary (by its name or its issue)? */
export function hasSessionSummary(sections: readonly PlanSection[], f: Pick<SessionExitFacts, 'session' | 'issueId'>): boolean {
  const names = [f.session, f.issueId].filter((x): x is string => !!x && x.trim() !== '').map((x) => x.trim().toLowerCase());
  return sections.some((s) => {
    const m = SUMMARY_HEADING.exec(s.heading.trim());
    if (!m?.[1]) return false;
    const rest = m[1].toLowerCase();
    return names.some((n) => new RegExp(`(^|[^a-z0-9-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9-])`).test(rest));
  });
}

function compact(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}k`;
  return String(n);
}

function fileList(files: readonly string[], max = 12): string {
  const shown = files.slice(0, max).map((f) => `\`${f}\``);
  return files.length > max ? `${shown.join(', ')} and ${files.length - max} more` : shown.join(', ');
}

/** How the conflict comment went, written into the summary (the marker that it was posted). */
export type ConflictCommentNote = { status: 'posted'; issueId: string; issueUrl: string | null; url: string } | { status: 'not-posted'; issueId: string | null; reason: string };

export function summaryLines(f: SessionExitFacts, comment: ConflictCommentNote | null): string[] {
  const lines: string[] = [];
  const issue = issueText(f);
  if (issue) lines.push(`- **Issue:** ${issue}${f.phase ? ` — phase ${f.phase}` : ''}`);
  else if (f.phase) lines.push(`- **Phase:** ${f.phase}`);
  if (f.branch) lines.push(`- **Branch:** \`${f.branch}\`${f.ahead !== null ? ` — ${f.ahead} commit${f.ahead === 1 ? '' : 's'} ahead of \`${f.base ?? 'its base'}\`` : ''}`);
  lines.push(`- **Files changed:** ${f.files.length}${f.files.length > 0 ? ` — ${fileList(f.files)}` : ''}`);
  const cost = [f.tokens !== null ? `${compact(f.tokens)} tokens` : null, f.costUsd !== null ? `$${f.costUsd.toFixed(2)}` : null].filter(Boolean).join(', ');
  lines.push(`- **Tokens / cost:** ${cost || 'not known'}${f.estimateUsd !== null ? ` (estimate ~$${f.estimateUsd})` : ''}`);
  lines.push(`- **Done:** ${words(f.doneBy).replace(/^done:\s*/i, '') || 'yes'}${f.tasks ? `; tasks ${f.tasks.done}/${f.tasks.total}` : ''}`);
  lines.push(`- **Ended at:** ${f.endedAt}`);
  for (const c of f.conflicts) lines.push(`- **Predicted conflict:** with \`${c.otherSession}\` (\`${c.otherBranch}\`) in ${fileList(c.files)}`);
  if (comment?.status === 'posted') lines.push(`- **Conflict flagged:** comment posted on ${comment.issueUrl ? `[${comment.issueId}](${comment.issueUrl})` : comment.issueId} (${comment.url}) — human resolves`);
  else if (comment) lines.push(`- **Conflict flagged:** not posted (${comment.reason})`);
  return lines;
}

/** The heading to write under: the plan's own summaries section, else `## Session Summaries`. */
function summariesHeading(sections: readonly PlanSection[]): string {
  const s = sections.find((x) => SUMMARY_SECTIONS.includes(normalizeHeading(x.heading)));
  return s ? `${'#'.repeat(s.depth)} ${s.heading}` : `## ${SUMMARIES_HEADING}`;
}

/**
 * Appends the summary unless the plan (as it is when written) has one already: re-applied to the
 * person's latest text, a restart or a second look never writes it twice.
 */
export function sessionSummaryEdit(f: SessionExitFacts, comment: ConflictCommentNote | null, sectionsOf: (text: string) => readonly PlanSection[]): PlanEdit {
  return (text) => {
    const sections = sectionsOf(text);
    if (hasSessionSummary(sections, f)) return text;
    const heading = summariesHeading(sections);
    const block = [summaryHeading(f), '', ...summaryLines(f, comment)];
    // Under a section that has content already, a blank line first (appendToSection would drop it).
    const index = indexPlan(text);
    const section = index.sections.find((s) => s.key === normalizeHeading(heading));
    if (section && section.bodyEnd > section.bodyStart && text.slice(section.bodyStart, section.bodyEnd).trim() !== '') return appendLinesToSection(index, section, ['', ...block]);
    return appendToSection(text, heading, block);
  };
}

/** The tag that makes the comment findable among the master issue's comments (idempotence). */
export function conflictCommentTag(f: Pick<SessionExitFacts, 'session' | 'issueId'>): string {
  return `[switchyard: session exit ${f.issueId ?? f.session}]`;
}

/** One comment naming the other sessions and the files. */
export function conflictCommentBody(f: SessionExitFacts, planName: string): string {
  const who = `\`${f.session}\`${f.issueId ? ` (${f.issueId}` + (f.branch ? `, \`${f.branch}\`)` : ')') : f.branch ? ` (\`${f.branch}\`)` : ''}`;
  const lines = [
    `**Merge conflict anticipated** — session ${who} finished (${planName}).`,
    '',
    'The conflict matrix predicts:',
    ...f.conflicts.map((c) => `- with \`${c.otherSession}\` (\`${c.otherBranch}\`) in ${fileList(c.files, 30)}`),
    '',
    'Human resolves (§8): the session that finishes second rebases onto the first.',
    '',
    conflictCommentTag(f),
  ];
  return lines.join('\n');
}

/** Was the comment posted before (the summary says so, or the master issue already has it)? */
export function conflictAlreadyFlagged(summaryText: string | null, commentBodies: readonly string[], f: Pick<SessionExitFacts, 'session' | 'issueId'>): boolean {
  const tag = conflictCommentTag(f);
  if (commentBodies.some((b) => b.includes(tag))) return true;
  return summaryText !== null && /\*\*Conflict flagged:\*\* comment posted on/.test(summaryText);
}

/** Every session summary of the plan (its heading, line and non-blank lines), for the Plans view. */
export function sessionSummariesIn(text: string, sections: readonly PlanSection[]): { heading: string; line: number; lines: string[] }[] {
  const all = text.split(/\r\n|\n|\r/);
  return sections.flatMap((s, i) => {
    if (!SUMMARY_HEADING.test(s.heading.trim())) return [];
    const next = sections.slice(i + 1).find((x) => x.depth <= s.depth);
    const lines = all.slice(s.line, next ? next.line - 1 : all.length).map((l) => l.trim()).filter((l) => l !== '');
    return [{ heading: s.heading.trim(), line: s.line, lines }];
  });
}
