import type { Nodes, RootContent } from 'mdast';
import { EXEC_MODES, type ExecMode } from '../../../shared/domain/dispatch';
import { agentInfo } from '../dispatch/agents';
import { nodeText, parseMarkdown } from './markdown';
import { parsePlan } from './parsePlan';

/**
 * §8.5: the prompts of a deprecated local dispatch file (`batch*-dispatch-prompts.md`…), read so
 * they can become Linear sub-issues. People wrote these files in many ways; a prompt is each `## …`
 * (or `### …`) section whose body is a dispatch prompt (§4 template lines: Execution mode, Tasks,
 * Deliverable, Launch as), or each fenced block holding one — the label above a block names it when
 * a section holds several. Sections that are no prompt (results appended after the batch, notes) are
 * listed as skipped. Pure; the file itself is never changed.
 */

export interface DispatchFilePrompt {
  /** Stable within the file: `1A`, `S-B`, `3A`, else `P1`, `P2`… in file order. */
  key: string;
  /** The sub-issue title: `Batch {N}{Letter}: {Focus}` when the key is a batch letter (§4). */
  title: string;
  focus: string;
  /** The prompt exactly as the file has it (a block's content, or the section's body). */
  prompt: string;
  /** The agent the heading or prompt names (`Tembo`, `Cursor`…); null when it names none. */
  agent: string | null;
  mode: ExecMode | null;
  /** The first `~$N` / `$N` in the prompt. */
  estCostUsd: number | null;
  /** The issue the prompt works on (its first issue link). */
  issueId: string | null;
  /** 1-based line where the prompt's heading or block starts. */
  line: number;
}

export interface DispatchFileRead {
  prompts: DispatchFilePrompt[];
  /** The master plan issue the file names (Parent issue line, `from master plan [ID…`, `Master: ID`). */
  masterIssueId: string | null;
  skipped: { heading: string; line: number }[];
}

const PROMPT_MARKS = /^\s*(?:[-*]\s*)?(?:\*\*)?(?:Execution mode|Tasks|Deliverable|Launch as)(?:\*\*)?\s*:/im;
const ISSUE_LINK = /\[([A-Z][A-Z0-9]{0,9}-\d+)(?::\s*([^\]]+))?\]\(/;
const ISSUE_ID = /\b([A-Z][A-Z0-9]{0,9}-\d+)\b/;

interface Section {
  heading: string | null;
  line: number;
  nodes: RootContent[];
  /** Offsets of the body (after the heading, up to the next heading). */
  start: number;
  end: number;
}

function sections(text: string): Section[] {
  const root = parseMarkdown(text);
  const out: Section[] = [];
  let current: Section = { heading: null, line: 1, nodes: [], start: 0, end: text.length };
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth >= 2) {
      current.end = node.position?.start.offset ?? current.end;
      out.push(current);
      current = { heading: nodeText(node).trim(), line: node.position?.start.line ?? 1, nodes: [], start: node.position?.end.offset ?? 0, end: text.length };
      continue;
    }
    if (node.type === 'heading') continue;
    current.nodes.push(node);
  }
  out.push(current);
  return out;
}

function keyIn(label: string): string | null {
  const m = /\b(?:Batch\s+|Session\s+)?(\d+[A-Z])\b/.exec(label) ?? /\b(S-[A-Z]{1,2})\b/.exec(label) ?? /\bSession\s+([A-Z])\b/.exec(label);
  return m?.[1] ?? null;
}

function isKnownAgent(text: string): boolean {
  return agentInfo(text).id !== 'other' && text.trim() !== '' && !/^(human|unassigned)$/i.test(text.trim());
}

function agentIn(label: string, prompt: string): string | null {
  for (const m of label.matchAll(/\(([^)]+)\)/g)) if (m[1] && isKnownAgent(m[1])) return m[1].trim();
  for (const part of label.split(/\s+[—–-]\s+/)) if (isKnownAgent(part)) return part.trim();
  const line = /^\s*(?:[-*]\s*)?Agent:\s*([A-Za-z][\w. ]*?)(?:\s*[(.,;]|\s*$)/im.exec(prompt);
  return line?.[1] && line[1].trim() !== '' ? line[1].trim() : null;
}

function focusIn(label: string, key: string | null, agent: string | null, prompt: string): string {
  const clean = label.replace(/[*_`]/g, '').replace(/\([^)]*\)/g, ' ');
  const parts = clean
    .split(/\s+[—–-]\s+|:\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== key && !/^(?:batch|session)\s+\S+$/i.test(p) && !(agent && p.toLowerCase() === agent.toLowerCase()) && !isKnownAgent(p));
  const last = parts[parts.length - 1];
  if (last) return last;
  const issueTitle = ISSUE_LINK.exec(prompt)?.[2]?.trim();
  if (issueTitle) return issueTitle;
  // Nothing names it: its first line, links as their text.
  const first = prompt.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const plain = first.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
  return (plain.length > 80 ? `${plain.slice(0, 79)}…` : plain) || key || 'Dispatch prompt';
}

function modeIn(prompt: string): ExecMode | null {
  const m = /Execution mode:\s*\{?\s*([a-z]+)/i.exec(prompt);
  const mode = m?.[1]?.toLowerCase();
  return mode && (EXEC_MODES as readonly string[]).includes(mode) ? (mode as ExecMode) : null;
}

function costIn(prompt: string): number | null {
  const m = /~?\$(\d+(?:\.\d+)?)/.exec(prompt);
  return m?.[1] ? Number(m[1]) : null;
}

function masterIn(text: string, fileName: string): string | null {
  const header = parsePlan(text, fileName).header.parentIssue?.id;
  if (header) return header.toUpperCase();
  const fromPrompt = /from master plan \[([A-Z][A-Z0-9]{0,9}-\d+)/i.exec(text);
  if (fromPrompt?.[1]) return fromPrompt[1].toUpperCase();
  const line = /^\s*(?:\*\*)?(?:master(?: plan)?|parent(?: issue)?)(?:\*\*)?\s*:[^\n]*?\b([A-Z][A-Z0-9]{0,9}-\d+)\b/im.exec(text);
  return line?.[1]?.toUpperCase() ?? null;
}

function blockLabel(nodes: readonly RootContent[], index: number, heading: string | null, several: boolean): string {
  const before = nodes[index - 1];
  if (several && before && before.type === 'paragraph') return nodeText(before as Nodes).trim();
  return heading ?? (before && before.type === 'paragraph' ? nodeText(before as Nodes).trim() : '');
}

export function readDispatchFilePrompts(text: string, fileName: string): DispatchFileRead {
  const found: Omit<DispatchFilePrompt, 'key' | 'title'>[] = [];
  const keys: (string | null)[] = [];
  const skipped: DispatchFileRead['skipped'] = [];
  for (const section of sections(text)) {
    const blocks = section.nodes.map((n, i) => ({ n, i })).filter((x) => x.n.type === 'code' && PROMPT_MARKS.test((x.n as { value: string }).value));
    if (blocks.length > 0) {
      for (const { n, i } of blocks) {
        const prompt = (n as { value: string }).value;
        const label = blockLabel(section.nodes, i, section.heading, blocks.length > 1);
        const agent = agentIn(label, prompt);
        const key = keyIn(label);
        keys.push(key);
        found.push({ focus: focusIn(label, key, agent, prompt), prompt, agent, mode: modeIn(prompt), estCostUsd: costIn(prompt), issueId: ISSUE_LINK.exec(prompt)?.[1] ?? ISSUE_ID.exec(prompt)?.[1] ?? null, line: n.position?.start.line ?? section.line });
      }
      continue;
    }
    const body = text.slice(section.start, section.end).replace(/^\s*\n/, '').replace(/\s+$/, '');
    if (section.heading !== null && PROMPT_MARKS.test(body)) {
      const agent = agentIn(section.heading, body);
      const key = keyIn(section.heading);
      keys.push(key);
      found.push({ focus: focusIn(section.heading, key, agent, body), prompt: body, agent, mode: modeIn(body), estCostUsd: costIn(body), issueId: ISSUE_LINK.exec(body)?.[1] ?? null, line: section.line });
    } else if (section.heading !== null) {
      skipped.push({ heading: section.heading, line: section.line });
    }
  }
  const used = new Set<string>();
  const prompts = found.map((p, i) => {
    let key = keys[i] ?? `P${i + 1}`;
    for (let n = 2; used.has(key); n++) key = `${keys[i] ?? `P${i + 1}`}-${n}`;
    used.add(key);
    const title = /^\d+[A-Z]+(?:-\d+)?$/.test(key) ? `Batch ${key}: ${p.focus}` : keys[i] ? `${key}: ${p.focus}` : p.focus;
    return { ...p, key, title };
  });
  return { prompts, masterIssueId: masterIn(text, fileName), skipped };
}
