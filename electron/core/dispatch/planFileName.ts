import type { Violation } from '../../../shared/domain/dispatch';
import { slugify } from './branchName';
import { violation } from './ruleBook';

/** §5 project shorts. */
export const PROJECT_SHORTS: Readonly<Record<string, string>> = {
  'claude-command-centre': 'ccc',
  alteri: 'alteri',
  prototypes: 'proto',
  ObsidianVault: 'vault',
};

export type PlanFileKind = 'strategic' | 'issue' | 'subagent' | 'random' | 'other';

const STRATEGIC = /^(\d{4})-(\d{2})-(\d{2})-([a-z0-9]+)-([a-z0-9][a-z0-9-]*)\.md$/;
const ISSUE = /^[A-Z][A-Z0-9]*-\d+-[a-z0-9][a-z0-9-]*\.md$/;
const SUBAGENT = /^[a-z0-9][a-z0-9-]*-agent-[a-z0-9]+\.md$/;
const RANDOM = /^[a-z]+-[a-z]+-[a-z]+\.md$/;

function validDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** What kind of plan file a name is (formats §2.1): structured, issue-tied, subagent, random three words. */
export function classifyPlanFileName(fileName: string): PlanFileKind {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const s = STRATEGIC.exec(base);
  if (s && validDate(s[1] ?? '', s[2] ?? '', s[3] ?? '')) return 'strategic';
  if (ISSUE.test(base)) return 'issue';
  if (SUBAGENT.test(base)) return 'subagent';
  if (RANDOM.test(base)) return 'random';
  return 'other';
}

/** `{YYYY-MM-DD}-{project-short}-{topic}.md`; the project is mapped through the §5 shorts table. */
export function suggestPlanFileName(date: Date, project: string, topic: string): string {
  const iso = date.toISOString().slice(0, 10);
  const short = PROJECT_SHORTS[project] ?? slugify(project, 20);
  return `${iso}-${short}-${slugify(topic)}.md`;
}

/** A §5 violation for a random three-word (or otherwise unstructured) plan file name; null when fine. */
export function checkPlanFileName(fileName: string): Violation | null {
  const kind = classifyPlanFileName(fileName);
  if (kind === 'strategic' || kind === 'issue' || kind === 'subagent') return null;
  const message =
    kind === 'random'
      ? `Plan file "${fileName}" has a Claude-generated random name; rename it {YYYY-MM-DD}-{project-short}-{topic}.md.`
      : `Plan file "${fileName}" does not follow {YYYY-MM-DD}-{project-short}-{topic}.md (or CIA-XXX-slug.md).`;
  return violation('plan.file-name', message, {}, 'warning');
}
