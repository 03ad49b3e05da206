import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RULE_IDS } from '../../dispatch/ruleBook';

/**
 * Integrity of the hand-written plan corpus (see README.md here). These tests do not run the
 * parser: they keep the corpus itself trustworthy — bytes as the author saved them (a checkout
 * that normalised CRLF or dropped a BOM would silently weaken every case), expectations that name
 * real rule ids, and answers that refer to things actually written in the plan.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

const Worktree = z.enum(['yes', 'no', 'n/a']).nullable();
const Launch = z.enum(['Plan mode', 'Bypass permissions', 'Ask permissions']).nullable();

const RecordedRow = z.object({
  session: z.string().min(1),
  phase: z.string().nullable(),
  issue: z.string(),
  branch: z.string().nullable(),
  worktree: Worktree,
  launchAs: Launch,
  mode: z.string(),
  recorded: z.literal(true),
}).strict();

const ProposedRow = z.object({
  phase: z.string(),
  issue: z.string(),
  mode: z.string().optional(),
  launchAs: Launch,
  worktree: Worktree.optional(),
  branch: z.string().nullable().optional(),
  recorded: z.literal(false),
}).strict();

const RuleRef = z.object({
  rule: z.string().optional(),
  anyOf: z.array(z.string()).min(2).optional(),
  row: z.string().optional(),
  phases: z.array(z.string()).optional(),
  field: z.string().optional(),
  why: z.string().optional(),
}).strict().refine((r) => (r.rule === undefined) !== (r.anyOf === undefined), 'exactly one of rule / anyOf');

const Expected = z.object({
  author: z.string().min(10),
  naming: z.object({ kind: z.enum(['structured', 'issue', 'subagent', 'random-three-word', 'other']), flagged: z.boolean() }).strict(),
  encoding: z.object({ bom: z.boolean(), eol: z.enum(['lf', 'crlf', 'mixed']), custom: z.boolean().optional() }).strict(),
  dispatchRows: z.array(z.union([RecordedRow, ProposedRow])),
  sessionRegistry: z.array(z.object({
    sessionName: z.string(), issue: z.string(), phase: z.string(),
    worktree: Worktree, branch: z.string().nullable(), status: z.string().nullable(),
  }).strict()).optional(),
  mergeQueue: z.object({ declared: z.boolean(), order: z.array(z.string()), unmatchedTokens: z.array(z.string()) }).strict(),
  batches: z.array(z.array(z.string()).min(1)).optional(),
  violations: z.object({
    mustInclude: z.array(RuleRef),
    mustNotInclude: z.array(RuleRef.refine((r) => r.why !== undefined, 'a false alarm says why')),
  }).strict(),
  notes: z.string().min(20),
}).strict();

const cases = fs.readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function planOf(caseId: string): { name: string; bytes: Buffer } {
  const md = fs.readdirSync(path.join(here, caseId)).filter((f) => f.endsWith('.md'));
  const [name, ...others] = md;
  if (name === undefined || others.length > 0) throw new Error(`${caseId} must hold exactly one plan, found ${md.length}`);
  return { name, bytes: fs.readFileSync(path.join(here, caseId, name)) };
}

describe('plan corpus', () => {
  it('has at least 30 cases, each listed in the README', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const readme = fs.readFileSync(path.join(here, 'README.md'), 'utf8');
    for (const id of cases) expect(readme, `README lists ${id}`).toContain(`| ${id} |`);
  });

  it.each(cases)('%s: expected.json is well-formed and names only real rule ids', (caseId) => {
    const expected = Expected.parse(JSON.parse(fs.readFileSync(path.join(here, caseId, 'expected.json'), 'utf8')));
    const { mustInclude, mustNotInclude } = expected.violations;
    const known: readonly string[] = RULE_IDS;
    for (const ref of [...mustInclude, ...mustNotInclude]) {
      const ids = ref.anyOf ?? (ref.rule === undefined ? [] : [ref.rule]);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(known, `${caseId}: rule id ${id}`).toContain(id);
    }
  });

  it.each(cases)('%s: the plan bytes keep the encoding the case is about', (caseId) => {
    const expected = Expected.parse(JSON.parse(fs.readFileSync(path.join(here, caseId, 'expected.json'), 'utf8')));
    const { bytes } = planOf(caseId);
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    expect(hasBom).toBe(expected.encoding.bom);
    const text = bytes.toString('utf8');
    const crlf = (text.match(/\r\n/g) ?? []).length;
    const lf = (text.match(/\n/g) ?? []).length - crlf;
    expect(text.replace(/\r\n/g, '')).not.toContain('\r');
    if (expected.encoding.eol === 'lf') expect(crlf).toBe(0);
    if (expected.encoding.eol === 'crlf') expect(lf).toBe(0);
    if (expected.encoding.eol === 'mixed') expect(crlf > 0 && lf > 0).toBe(true);
  });

  it.each(cases)('%s: every answer refers to something written in the plan', (caseId) => {
    const expected = Expected.parse(JSON.parse(fs.readFileSync(path.join(here, caseId, 'expected.json'), 'utf8')));
    const text = planOf(caseId).bytes.toString('utf8');
    const sessions = new Set<string>();
    const phases = new Set<string>();
    for (const row of expected.dispatchRows) {
      expect(text, `${caseId}: issue ${row.issue}`).toContain(row.issue);
      if (row.phase !== null) phases.add(row.phase);
      if (row.recorded) {
        sessions.add(row.session);
        expect(text).toContain(row.session);
        expect(text).toContain(row.mode);
        if (row.branch !== null) expect(text).toContain(row.branch);
        if (row.launchAs !== null) expect(text).toContain(row.launchAs);
      }
    }
    for (const entry of expected.mergeQueue.order) expect(sessions.has(entry) || phases.has(entry), `${caseId}: queue entry ${entry}`).toBe(true);
    for (const token of expected.mergeQueue.unmatchedTokens) expect(text).toContain(token);
    const batched = (expected.batches ?? []).flat();
    expect(new Set(batched).size).toBe(batched.length);
    for (const phase of batched) expect(phases.has(phase), `${caseId}: batch phase ${phase}`).toBe(true);
    for (const row of expected.sessionRegistry ?? []) expect(text).toContain(row.sessionName);
  });

  it.each(cases)('%s: the naming kind matches the file name', (caseId) => {
    const expected = Expected.parse(JSON.parse(fs.readFileSync(path.join(here, caseId, 'expected.json'), 'utf8')));
    const { name } = planOf(caseId);
    const looksLike = {
      structured: /^\d{4}-\d{2}-\d{2}-[a-z0-9]+-[a-z0-9-]+\.md$/,
      issue: /^[A-Z][A-Z0-9]*-\d+(-[a-z0-9-]+)?\.md$/,
      subagent: /^[a-z0-9-]+-agent-[0-9a-f]+\.md$/,
      'random-three-word': /^[a-z]+-[a-z]+-[a-z]+\.md$/,
      other: /\.md$/,
    }[expected.naming.kind];
    expect(name).toMatch(looksLike);
    expect(expected.naming.flagged).toBe(expected.naming.kind === 'random-three-word' || expected.naming.kind === 'other');
  });
});
