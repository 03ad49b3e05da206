import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parsePlan';
import { approvalEdit } from './dispatchRecord';
import { dispatchBasis, evaluateDispatch } from './evaluateDispatch';

/**
 * "Every write keeps every byte it did not mean to change — including prose inside the sections it
 * edits": generated plans (prose before, between and after the tables, HTML comments, blockquotes,
 * CRLF / LF / mixed, a BOM, aligned or ragged tables, short rows, labelled or phase-id sessions, a
 * merge order line or none) are approved batch by batch through the Dispatch view's path, and
 * every line the person wrote must still be in the file, in the same order, with its own line end.
 */

const RUNS = Number(process.env.SWITCHYARD_PROP_RUNS ?? 60);
const link = (id: string) => `[${id}](https://linear.app/acme/issue/${id})`;
const prose = fc.constantFrom(
  'We agreed on this on Monday.',
  '<!-- keep: reviewer notes -->',
  '> Note: S-B touches the parser too.',
  '- a bullet the person wrote',
  'Plain CIA-77 mention in a sentence.',
  'Trailing spaces here   ',
  '\ttabbed line',
  '**Bold** and `code` and a [link](https://example.com).',
  '',
);
const eolOf = fc.constantFrom('\n', '\r\n', 'mixed');

interface Shape {
  phases: number;
  recorded: number;
  labels: 'letters' | 'phases';
  aligned: boolean;
  shortRow: boolean;
  mergeLine: boolean;
  bom: boolean;
  eol: '\n' | '\r\n' | 'mixed';
  proseBits: string[];
}

const shape: fc.Arbitrary<Shape> = fc.record({
  phases: fc.integer({ min: 2, max: 6 }),
  recorded: fc.integer({ min: 0, max: 4 }),
  labels: fc.constantFrom('letters' as const, 'phases' as const),
  aligned: fc.boolean(),
  shortRow: fc.boolean(),
  mergeLine: fc.boolean(),
  bom: fc.boolean(),
  eol: eolOf,
  proseBits: fc.array(prose, { minLength: 6, maxLength: 6 }),
});

function planOf(s: Shape): string {
  const ids = Array.from({ length: s.phases }, (_v, i) => `${1 + Math.floor(i / 3)}${'ABC'[i % 3]}`);
  const p = (i: number) => s.proseBits[i % s.proseBits.length] ?? '';
  const lines: string[] = ['# Generated plan', '', `**Parent issue:** ${link('CIA-1')}`, '**Repo:** /repos/app', '', p(0), '', '## Phase Map', '', p(1), ''];
  lines.push('| Phase | Issues | Focus | Batch | Dependencies |', '|---|---|---|---|---|');
  ids.forEach((id, i) => lines.push(`| ${id} | ${link(`CIA-${10 + i}`)} | Focus ${i} | ${id[0]} | None |`));
  lines.push('', p(2), '');
  const rec = Math.min(s.recorded, s.phases);
  if (rec > 0) {
    lines.push('## Dispatch', '', p(3), '');
    const pad = (v: string, w: number) => (s.aligned ? v.padEnd(w) : v);
    lines.push(`| ${pad('Session', 7)} | Issue | Focus | Mode | Est. Cost | Agent | Worktree |`, '|---|---|---|---|---|---|---|');
    for (let i = 0; i < rec; i++) {
      const label = s.labels === 'letters' ? `S-${'ABCDEF'[i]}` : (ids[i] ?? '');
      const row = `| ${pad(label, 7)} | ${link(`CIA-${10 + i}`)} | Focus ${i} | tdd | ~$${i + 2} | Claude Code | yes |`;
      lines.push(s.shortRow && i === rec - 1 ? `| ${pad(label, 7)} | ${link(`CIA-${10 + i}`)} | Focus ${i} | tdd |` : row);
    }
    lines.push('', p(4));
    if (s.mergeLine && rec > 1) lines.push('', `Merge order: ${Array.from({ length: rec }, (_v, i) => (s.labels === 'letters' ? `S-${'ABCDEF'[rec - 1 - i]}` : ids[rec - 1 - i])).join(' → ')}`);
    lines.push('');
  }
  lines.push('## Notes', '', p(5), '');
  const body = s.eol === 'mixed' ? lines.map((l, i) => l + (i % 2 === 0 ? '\r\n' : '\n')).join('') : lines.join(s.eol) + s.eol;
  return (s.bom ? '\uFEFF' : '') + body;
}

/** The file as (content, line end) pairs: what a person would call its lines. */
function linesOf(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r|$)/g)?.filter((l) => l !== '') ?? [];
}

describe('approval write-back keeps every byte the person wrote', () => {
  it('on generated plans: every original line survives, in order, with its own line end; the BOM stays', () => {
    fc.assert(
      fc.property(shape, (s) => {
        const text = planOf(s);
        const plan = parsePlan(text, '/plans/2026-12-01-ccc-generated.md');
        const evaluation = evaluateDispatch(dispatchBasis(plan, text, []));
        let next = text;
        for (const batch of [...new Set(evaluation.rows.map((r) => r.batch))]) {
          const rows = evaluation.rows.filter((r) => r.batch === batch);
          next = approvalEdit({ batch, rows, at: '2026-12-01T00:00:00.000Z', by: 'prop', overrideReason: 'generated', overridden: [] })(next);
        }
        const after = linesOf(next);
        let at = 0;
        for (const original of linesOf(text)) {
          // The last line may gain a line end when something is appended after it; its content stays.
          const found = after.indexOf(original, at);
          const foundBare = found === -1 ? after.findIndex((l, i) => i >= at && l.replace(/\r?\n|\r/, '') === original.replace(/\r?\n|\r/, '') && !/[\r\n]$/.test(original)) : found;
          expect(foundBare, `line ${JSON.stringify(original)} lost or reordered`).toBeGreaterThanOrEqual(0);
          at = foundBare + 1;
        }
        expect(next.startsWith('\uFEFF')).toBe(s.bom);
        // And what was written reads back as the record: the approved batches are approved.
        const reread = parsePlan(next, '/plans/2026-12-01-ccc-generated.md');
        expect(reread.approvals.length).toBe(new Set(evaluation.rows.map((r) => r.batch)).size);
      }),
      { numRuns: RUNS },
    );
  }, Math.max(30_000, RUNS * 150));
});
