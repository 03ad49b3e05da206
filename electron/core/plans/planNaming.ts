/**
 * Plan file naming (parallel-session-dispatch.md §5, formats.md §2.1):
 * - structured `{YYYY-MM-DD}-{project-short}-{topic}.md` (strategic plans),
 * - issue-tied `KEY-N-slug.md` (any team key),
 * - subagent `{parent-slug}-agent-{hash}.md` (ephemeral),
 * - a random three-word Claude name (`composed-crunching-raven.md`): a violation to flag.
 */

export type PlanNameKind = 'structured' | 'issue' | 'subagent' | 'random-three-word' | 'other';

export interface PlanNameInfo {
  kind: PlanNameKind;
  /** Follows one of the conventions (structured, issue-tied, subagent). */
  conventional: boolean;
  /** A random Claude name that should be renamed (the rule book's violation). */
  flagged: boolean;
  date: string | null;
  projectShort: string | null;
  topic: string | null;
  issueId: string | null;
  parentSlug: string | null;
  agentId: string | null;
}

const STRUCTURED = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const ISSUE = /^([A-Z][A-Z0-9]{0,9}-\d+)(?:-([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*))?$/;
const SUBAGENT = /^(.+)-agent-([A-Za-z0-9]+)$/;
const THREE_WORDS = /^[a-z]+-[a-z]+-[a-z]+$/;

/** Classifies a plan file name (a base name; a path's folders are ignored). */
export function classifyPlanFileName(fileName: string): PlanNameInfo {
  const base = fileName.replace(/^.*[\\/]/, '');
  const stem = base.replace(/\.md$/i, '');
  const info: PlanNameInfo = {
    kind: 'other',
    conventional: false,
    flagged: false,
    date: null,
    projectShort: null,
    topic: null,
    issueId: null,
    parentSlug: null,
    agentId: null,
  };
  if (!/\.md$/i.test(base)) return info;
  const structured = STRUCTURED.exec(stem);
  if (structured && isValidDate(structured[1] as string)) {
    return { ...info, kind: 'structured', conventional: true, date: structured[1] as string, projectShort: structured[2] as string, topic: structured[3] as string };
  }
  const issue = ISSUE.exec(stem);
  if (issue) {
    return { ...info, kind: 'issue', conventional: true, issueId: issue[1] as string, topic: issue[2] ?? null };
  }
  const subagent = SUBAGENT.exec(stem);
  if (subagent) {
    return { ...info, kind: 'subagent', conventional: true, parentSlug: subagent[1] as string, agentId: subagent[2] as string };
  }
  if (THREE_WORDS.test(stem)) return { ...info, kind: 'random-three-word', flagged: true };
  return info;
}

export function isValidDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The rule book's project shorts (§5). */
export const PROJECT_SHORTS: Readonly<Record<string, string>> = {
  'claude-command-centre': 'ccc',
  alteri: 'alteri',
  prototypes: 'proto',
  obsidianvault: 'vault',
};

/**
 * Project short for a project or repository (a name or a path): the rule book's table
 * (case-insensitive, `extra` first), else derived from the name: one word → that word,
 * three or more words → initials (`claude-command-centre` → `ccc`), two words → joined.
 */
export function projectShortFor(projectOrRepo: string, extra: Readonly<Record<string, string>> = {}): string {
  const name = projectOrRepo.trim().replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '').replace(/\.git$/i, '');
  const lookup = (table: Readonly<Record<string, string>>): string | undefined => {
    const wanted = name.toLowerCase();
    for (const [key, value] of Object.entries(table)) if (key.toLowerCase() === wanted) return value;
    return undefined;
  };
  const known = lookup(extra) ?? lookup(PROJECT_SHORTS);
  if (known !== undefined) return slugWord(known) || 'plan';
  const words = splitWords(name);
  if (words.length === 0) return 'plan';
  if (words.length >= 3) return words.map((w) => w[0]).join('');
  const joined = words.join('');
  return joined.length <= 12 ? joined : words.map((w) => w[0]).join('');
}

export interface StructuredNameInput {
  /** `YYYY-MM-DD`, or a Date (its local calendar day). */
  date: string | Date;
  /** The short itself (`ccc`), or give `project` to look it up. */
  projectShort?: string;
  project?: string;
  /** Topic words; else derived from `title`. */
  topic?: string;
  title?: string;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'with', 'plan', 'master']);

/** `{YYYY-MM-DD}-{project-short}-{topic}` (no `.md`). */
export function suggestStructuredName(input: StructuredNameInput): string {
  const date = typeof input.date === 'string' ? input.date.slice(0, 10) : localIsoDate(input.date);
  const short = slugWord(input.projectShort ?? '') || projectShortFor(input.project ?? 'plan');
  const source = input.topic ?? input.title ?? '';
  let words = splitWords(stripIssueAndDate(source));
  if (input.topic === undefined) {
    const meaningful = words.filter((w) => !STOP_WORDS.has(w));
    if (meaningful.length > 0) words = meaningful;
  }
  if (words[0] === short && words.length > 1) words = words.slice(1);
  const topic = words.slice(0, 6).join('-').slice(0, 60).replace(/-+$/, '') || 'plan';
  return `${date}-${short}-${topic}`;
}

/** `suggestStructuredName(...)` + `.md`. */
export function suggestStructuredFileName(input: StructuredNameInput): string {
  return `${suggestStructuredName(input)}.md`;
}

function stripIssueAndDate(text: string): string {
  return text.replace(/\b[A-Z][A-Z0-9]{0,9}-\d+\b:?/g, ' ').replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' ');
}

function localIsoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Lower-case ASCII words: splits on non-alphanumerics and camelCase, drops diacritics. */
function splitWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function slugWord(text: string): string {
  return splitWords(text).join('');
}
