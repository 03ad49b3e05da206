/**
 * Facts a person states by hand where the plan's tables are silent, one per line of a
 * `## Dispatch Facts` section:
 *
 *   - 1A, 1B: separate branches: no        (pair: they cannot work on separate branches)
 *   - 1C: separate branches: no            (this phase cannot branch at all, e.g. it runs on main)
 *   - 1C: branch: main                     (the branch it works on; equal branches cannot separate)
 *   - 1B: reads output of: 1A              (`depends on:` / `waits for:` too) → 1B waits for 1A
 *   - 1D: produces code: no                (analysis-only → Bypass permissions; `yes` → changes code)
 *   - 1D: research: yes                    (a read-only research track, or `no` to say it is not)
 *   - 1A: files: src/api/, docs/spec.md    (files or directories it modifies)
 *   - Batch 2: justification: <why >5>     (more than 5 research tracks in batch 2, §1)
 *   - 1B: failure reviewed: <note>         (a human reviewed the Failed session's output, §8)
 *
 * Subjects are phase ids separated by `,`, `and` or `&`, or `Batch N`. Values `yes`/`no` (also
 * `true`/`false`, `y`/`n`). A later line about the same fact wins. Lines that cannot be read are
 * returned as problems, never dropped silently.
 */

export interface FactLine {
  /** 1-based line in the plan file. */
  line: number;
  text: string;
}

export type HandFact =
  | { kind: 'separateBranches'; phases: string[]; value: boolean; why: string }
  | { kind: 'branch'; phases: string[]; branch: string; why: string }
  | { kind: 'readsOutput'; phases: string[]; of: string[]; why: string }
  | { kind: 'producesCode'; phases: string[]; value: boolean; why: string }
  | { kind: 'research'; phases: string[]; value: boolean; why: string }
  | { kind: 'files'; phases: string[]; files: string[]; why: string }
  | { kind: 'failureReviewed'; phases: string[]; value: boolean; why: string }
  | { kind: 'justification'; batch: number | null; phases: string[]; text: string; why: string };

export interface HandFacts {
  facts: HandFact[];
  /** Lines that could not be read, or name phases the plan does not have. */
  problems: string[];
}

export const DISPATCH_FACTS_HEADING = '## Dispatch Facts';

const YES = /^(yes|y|true)$/i;
const NO = /^(no|n|false)$/i;

function splitList(text: string): string[] {
  return text
    .split(/\s*(?:,|&|\band\b)\s*/i)
    .map((s) => s.trim().replace(/^`|`$/g, ''))
    .filter((s) => s !== '');
}

function yesNo(value: string): boolean | null {
  const v = value.trim().replace(/[.`*]/g, '');
  if (YES.test(v)) return true;
  if (NO.test(v)) return false;
  return null;
}

/** Reads the fact lines; `phases` are the plan's phase ids (matched case-insensitively). */
export function parseHandFacts(lines: readonly FactLine[], phases: readonly string[]): HandFacts {
  const known = new Map(phases.map((p) => [p.toLowerCase(), p]));
  const facts: HandFact[] = [];
  const problems: string[] = [];
  for (const { line, text } of lines) {
    const body = text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/\*\*/g, '').trim();
    if (body === '') continue;
    const where = `Dispatch Facts line ${line}`;
    const why = `Dispatch Facts: ${body} (line ${line})`;
    const m = /^(.+?)\s*:\s*([a-z][a-z -]*?)\s*:\s*(.*)$/i.exec(body);
    if (!m?.[1] || !m[2] || m[3] === undefined) {
      problems.push(`${where} ("${body}") is not "<phases>: <fact>: <value>", e.g. "1A, 1B: separate branches: no".`);
      continue;
    }
    const subject = m[1].trim();
    const fact = m[2].trim().toLowerCase().replace(/\s+/g, ' ');
    const value = m[3].trim();
    const batchMatch = /^batch\s+(\d+)$/i.exec(subject);
    const batch = batchMatch?.[1] ? Number(batchMatch[1]) : null;
    const named = batch === null ? splitList(subject) : [];
    const unknown = named.filter((p) => !known.has(p.toLowerCase()));
    if (unknown.length > 0) {
      problems.push(`${where} names ${unknown.join(', ')}, which ${unknown.length > 1 ? 'are not phases' : 'is not a phase'} of this plan.`);
      continue;
    }
    const subjects = named.map((p) => known.get(p.toLowerCase()) ?? p);
    if (fact === 'justification' || fact === 'research justification') {
      if (value === '') problems.push(`${where}: the justification is empty.`);
      else facts.push({ kind: 'justification', batch, phases: subjects, text: value, why });
      continue;
    }
    if (batch !== null) {
      problems.push(`${where}: only "justification" can be stated for a whole batch; name the phases for "${fact}".`);
      continue;
    }
    const flag = yesNo(value);
    const needFlag = (kind: 'separateBranches' | 'producesCode' | 'research'): void => {
      if (flag === null) problems.push(`${where}: "${fact}" takes yes or no, not "${value}".`);
      else facts.push({ kind, phases: subjects, value: flag, why });
    };
    switch (fact) {
      case 'separate branches':
      case 'separate branch':
        needFlag('separateBranches');
        break;
      case 'produces code':
      case 'code changes':
      case 'changes code':
        needFlag('producesCode');
        break;
      case 'research':
      case 'read-only research':
        needFlag('research');
        break;
      case 'branch':
        if (value === '') problems.push(`${where}: the branch is empty.`);
        else facts.push({ kind: 'branch', phases: subjects, branch: value.replace(/^`|`$/g, ''), why });
        break;
      case 'reads output of':
      case 'reads':
      case 'depends on':
      case 'waits for': {
        const of = splitList(value);
        const missing = of.filter((p) => !known.has(p.toLowerCase()));
        if (of.length === 0 || missing.length > 0) {
          problems.push(`${where}: "${value}" ${of.length === 0 ? 'names no phase' : `names ${missing.join(', ')}, not a phase of this plan`}.`);
        } else {
          facts.push({ kind: 'readsOutput', phases: subjects, of: of.map((p) => known.get(p.toLowerCase()) ?? p), why });
        }
        break;
      }
      case 'failure reviewed':
      case 'reviewed':
        if (value === '') problems.push(`${where}: say who reviewed it or what was found (or "no").`);
        else facts.push({ kind: 'failureReviewed', phases: subjects, value: flag !== false, why });
        break;
      case 'files':
      case 'modifies':
        facts.push({ kind: 'files', phases: subjects, files: splitList(value), why });
        break;
      default:
        problems.push(`${where}: "${fact}" is not a dispatch fact (separate branches, branch, reads output of, produces code, research, files, failure reviewed, justification).`);
    }
  }
  return { facts, problems };
}
