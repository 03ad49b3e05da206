import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parsePlan';
import { indexPlan } from './planIndex';
import {
  appendToSection,
  setSessionRegistryStatus,
  upsertSection,
  upsertSessionRegistryRows,
} from './planWriter';
import { sectionTailStart } from './sectionEdit';
import { normalizeHeading } from './headingText';
import { findUnlinkedIssueIds, linkUnlinkedIssueIds } from './unlinkedIssueIds';

const LINES = [
  '# Title',
  '## Merge Log',
  '## merge log',
  '### Sub',
  '## Other',
  '## Session Registry',
  '',
  '   ',
  '---',
  '***',
  '- item',
  '- [ ] task',
  '- [x] done',
  '| Session Name | Issue | Phase | Agent | Status |',
  '|---|---|---|---|---|',
  '| s1 | [CIA-1](https://linear.app/w/issue/CIA-1) | 1A | Claude Code | Active |',
  '| s2 | CIA-2 | 1B |',
  '| a | b |',
  '| x \\| y | z\\\\|',
  '```',
  '~~~md',
  '> quote **Date:** 2026-01-01',
  '**Parent issue:** [CIA-9: Nine](https://linear.app/w/issue/CIA-9)',
  'text CIA-3 and UTF-8 here',
  '[CIA-4]',
  'Setext',
  '===',
  '    indented code',
  '<div>|</div>',
  '\t- tab',
  '\uFEFF# bom',
  '1. one',
  '[ref]: https://x',
];

const eol = fc.constantFrom('\n', '\r\n', '\r');
const line = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
const markdown = fc
  .tuple(fc.array(fc.tuple(line, eol), { maxLength: 25 }), fc.boolean())
  .map(([parts, finalEol]) => {
    const text = parts.map(([l, e]) => l + e).join('');
    return finalEol ? text : text.replace(/(\r\n|\n|\r)$/, '');
  });
// Section bodies: anything but a heading that would end the section early (`#`, `##`, setext
// underlines) or a `---`/`***` line (in a last section, `---` + a paragraph reads as a document footer).
const BODY_LINES = LINES.filter((l) => !/^(?:\uFEFF)?#{1,2} |^(?:===|---|\*\*\*)$/.test(l));
const body = fc.array(fc.constantFrom(...BODY_LINES, 'merged S-A', '| 1 | 2 |'), { maxLength: 6 }).map((l) => l.join('\n'));

const RUNS = { numRuns: Number(process.env.PLAN_PROPERTY_RUNS ?? 100) };

describe('property: parsing never throws', () => {
  it('on random markdown', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const plan = parsePlan(text, 'random.md');
        expect(plan.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('on random bytes decoded as UTF-8 and on random strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), (bytes, str) => {
        for (const text of [Buffer.from(bytes).toString('utf8'), str]) {
          const plan = parsePlan(text, 'bytes.md');
          expect(plan.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('property: writers keep every byte outside their target', () => {
  it('upsertSection changes nothing outside the section body (or only appends)', () => {
    fc.assert(
      fc.property(markdown, body, (text, newBody) => {
        const index = indexPlan(text);
        const section = index.sections.find((s) => s.key === normalizeHeading('Merge Log'));
        const after = upsertSection(text, '## Merge Log', newBody);
        if (section) {
          const tailStart = sectionTailStart(index, section);
          expect(after.slice(0, section.bodyStart)).toBe(text.slice(0, section.bodyStart));
          expect(after.endsWith(text.slice(tailStart))).toBe(true);
        } else {
          expect(after.startsWith(text)).toBe(true);
        }
        // Idempotent: writing the same body again changes nothing.
        expect(upsertSection(after, '## Merge Log', newBody)).toBe(after);
      }),
      RUNS,
    );
  });

  it('appendToSection only inserts', () => {
    fc.assert(
      fc.property(markdown, fc.array(fc.constantFrom('- merged S-A', 'override: cian', '- [x] ok'), { minLength: 1, maxLength: 3 }), (text, lines) => {
        const after = appendToSection(text, 'Merge Log', lines);
        expect(after.length).toBeGreaterThan(text.length);
        // One contiguous insertion: the original is a prefix + suffix of the result.
        let prefix = 0;
        while (prefix < text.length && text[prefix] === after[prefix]) prefix++;
        expect(after.endsWith(text.slice(prefix))).toBe(true);
        for (const l of lines) expect(after).toContain(l);
      }),
      RUNS,
    );
  });

  it('registry edits never throw and keep the text when nothing matches', () => {
    fc.assert(
      fc.property(markdown, fc.constantFrom('s1', 's2', 'CIA-1', 'CIA-2', 'nobody'), (text, key) => {
        const after = setSessionRegistryStatus(text, key, 'Done');
        if (key === 'nobody') expect(after).toBe(text);
        const upserted = upsertSessionRegistryRows(text, [{ sessionName: key, status: 'Active', issue: 'CIA-7' }]);
        expect(typeof upserted).toBe('string');
      }),
      RUNS,
    );
  });

  it('linking plain issue ids changes only their spans', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const hits = findUnlinkedIssueIds(text);
        const { text: after } = linkUnlinkedIssueIds(text, 'https://linear.app/w');
        let rebuilt = '';
        let cursor = 0;
        let delta = 0;
        for (const hit of hits) {
          const linked = `[${hit.id}](https://linear.app/w/issue/${hit.id})`;
          const at = hit.start + delta;
          expect(after.slice(at, at + linked.length)).toBe(linked);
          rebuilt += after.slice(cursor, at) + text.slice(hit.start, hit.end);
          cursor = at + linked.length;
          delta += linked.length - (hit.end - hit.start);
        }
        rebuilt += after.slice(cursor);
        expect(rebuilt).toBe(text);
      }),
      RUNS,
    );
  });
});

describe('property: Session Registry status edits', () => {
  const cellText = fc.constantFrom('x', 'Claude Code', '1A', 'yes', 'claude/a-b', 'a \\| b', '`code`', '');
  const status = fc.constantFrom('Active', 'Done', 'In Progress', 'Failed: flaky');
  const row = fc.record({
    extra: fc.array(cellText, { maxLength: 5 }),
    status: fc.option(status, { nil: undefined }),
    pad: fc.constantFrom(' ', '  ', ''),
    trailingPipe: fc.boolean(),
  });
  const registry = fc.tuple(fc.array(row, { minLength: 1, maxLength: 4 }), eol).map(([rows, e]) => {
    const names = rows.map((_r, i) => (i === 1 ? '(direct main)' : `session-${i}`));
    const lines = rows.map((r, i) => {
      const cells = [names[i] as string, `[CIA-${i + 1}](https://linear.app/w/issue/CIA-${i + 1})`, ...r.extra].slice(0, 6);
      if (r.status !== undefined) cells.push(r.status);
      return `|${cells.map((c) => `${r.pad}${c}${r.pad}`).join('|')}${r.trailingPipe ? '|' : ''}`;
    });
    const text = ['# Plan', '', '## Session Registry', '', '| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |', '|---|---|---|---|---|---|---|', ...lines, '', '## After', 'tail'].join(e);
    return { text, names, lineTexts: lines };
  });

  it('sets exactly one row status and keeps every other byte', () => {
    fc.assert(
      fc.property(registry, fc.nat(), ({ text, names, lineTexts }, pick) => {
        const i = pick % names.length;
        const before = parsePlan(text, 'x.md').sessionRegistry;
        const after = setSessionRegistryStatus(text, names[i] as string, 'Merged | ok');
        const reparsed = parsePlan(after, 'x.md').sessionRegistry;
        expect(reparsed).toHaveLength(before.length);
        reparsed.forEach((r, j) => {
          if (j === i) expect(r).toEqual({ ...before[j], status: 'Merged | ok' });
          else expect(r).toEqual(before[j]);
        });
        const rowStart = text.indexOf(lineTexts[i] as string);
        const rowEnd = rowStart + (lineTexts[i] as string).length;
        expect(after.slice(0, rowStart)).toBe(text.slice(0, rowStart));
        expect(after.endsWith(text.slice(rowEnd))).toBe(true);
      }),
      RUNS,
    );
  });
});
