import { describe, expect, it } from 'vitest';
import type { PhaseFactsInput } from '../../../shared/domain/dispatch';
import { decideAllPairs, decidePair, decidePairs } from './decidePair';
import { makePhaseFacts } from './phaseFacts';

const ph = (phase: string, extra: Partial<PhaseFactsInput> = {}) => makePhaseFacts({ phase, issueIds: [`CIA-${phase}`], exec: 'tdd', ...extra });

interface Case {
  rule: string;
  name: string;
  a: Partial<PhaseFactsInput>;
  b: Partial<PhaseFactsInput>;
  verdict: 'SEQUENTIAL' | 'PARALLEL_WITH_BRANCH_STRATEGY' | 'PARALLEL_OK';
  order?: 'a-before-b' | 'b-before-a' | null;
  sharedFiles?: string[];
  sharedInfrastructure?: string[];
  pathIncludes?: string;
}

const cases: Case[] = [
  // §1 step 1: Does B read A's output?
  { rule: 'tree.reads-output', name: 'B reads a file A outputs → SEQUENTIAL, A first', a: { outputs: ['shared/domain/plan.ts'] }, b: { inputs: ['shared/domain/plan.ts'] }, verdict: 'SEQUENTIAL', order: 'a-before-b', pathIncludes: "Does 1B read 1A's output? Yes" },
  { rule: 'tree.reads-output', name: 'A reads B output → SEQUENTIAL, B first', a: { inputs: ['api/openapi.yaml'] }, b: { outputs: ['api/openapi.yaml'] }, verdict: 'SEQUENTIAL', order: 'b-before-a' },
  { rule: 'tree.reads-output', name: 'declared dependency → SEQUENTIAL', a: {}, b: { dependsOn: ['1A'] }, verdict: 'SEQUENTIAL', order: 'a-before-b', pathIncludes: '1B depends on 1A' },
  { rule: 'tree.reads-output', name: 'B reads a file inside the directory A outputs', a: { outputs: ['generated/schema'] }, b: { inputs: ['generated/schema/types.ts'] }, verdict: 'SEQUENTIAL', order: 'a-before-b' },
  { rule: 'tree.reads-output', name: 'mutual reads → SEQUENTIAL, no order (cycle)', a: { dependsOn: ['1B'] }, b: { dependsOn: ['1A'] }, verdict: 'SEQUENTIAL', order: null, pathIncludes: 'cycle' },
  { rule: 'tree.reads-output', name: 'B reads something A does not output → continue (passes)', a: { outputs: ['a.md'], files: ['src/a'] }, b: { inputs: ['b.md'], files: ['src/b'] }, verdict: 'PARALLEL_OK', order: null },
  // §1 step 2: same files or directories → separate branches?
  { rule: 'tree.shared-files', name: 'same file, separate branches possible → PARALLEL with branch strategy', a: { files: ['src/x.ts'] }, b: { files: ['src/x.ts'] }, verdict: 'PARALLEL_WITH_BRANCH_STRATEGY', order: null, sharedFiles: ['src/x.ts'], pathIncludes: 'Do both touch the same files or directories? Yes: src/x.ts' },
  { rule: 'tree.shared-files', name: 'same file, no separate branches → SEQUENTIAL', a: { files: ['src/x.ts'] }, b: { files: ['src/x.ts'], canUseSeparateBranches: false }, verdict: 'SEQUENTIAL', order: 'a-before-b', pathIncludes: 'Can they work on separate branches? No (1B cannot)' },
  { rule: 'tree.shared-files', name: 'directory prefix overlap', a: { files: ['electron/core'] }, b: { files: ['electron/core/dispatch/x.ts'] }, verdict: 'PARALLEL_WITH_BRANCH_STRATEGY', sharedFiles: ['electron/core/dispatch/x.ts'] },
  { rule: 'tree.shared-files', name: 'glob overlap', a: { files: ['renderer/**/*.tsx'] }, b: { files: ['renderer/views/Table.tsx'] }, verdict: 'PARALLEL_WITH_BRANCH_STRATEGY', sharedFiles: ['renderer/views/Table.tsx'] },
  { rule: 'tree.shared-files', name: 'output of one is a key file of the other', a: { outputs: ['docs/a.md'] }, b: { files: ['docs'] }, verdict: 'PARALLEL_WITH_BRANCH_STRATEGY', sharedFiles: ['docs/a.md'] },
  { rule: 'tree.shared-files', name: 'actual diff of a running session counts', a: { files: ['src/a.ts'], actualChangedFiles: ['src/b.ts'] }, b: { files: ['src/b.ts'] }, verdict: 'PARALLEL_WITH_BRANCH_STRATEGY', sharedFiles: ['src/b.ts'], pathIncludes: 'actual diff' },
  { rule: 'tree.shared-files', name: 'read-only research naming the same files does not conflict (passes)', a: { files: ['src/x.ts'], readOnlyResearch: true }, b: { files: ['src/x.ts'], readOnlyResearch: true }, verdict: 'PARALLEL_OK' },
  { rule: 'tree.shared-files', name: 'disjoint files (passes)', a: { files: ['src/a.ts'] }, b: { files: ['src/b.ts'] }, verdict: 'PARALLEL_OK' },
  // §1 step 3: shared infrastructure
  { rule: 'tree.shared-infrastructure', name: 'two migrations → SEQUENTIAL', a: { files: ['db/migrations/001_users.sql'] }, b: { files: ['db/migrations/002_orgs.sql'] }, verdict: 'SEQUENTIAL', order: 'a-before-b', sharedInfrastructure: ['database'], pathIncludes: 'Do both modify shared infrastructure? Yes' },
  { rule: 'tree.shared-infrastructure', name: 'two CI workflows → SEQUENTIAL', a: { files: ['.github/workflows/test.yml'] }, b: { files: ['.github/workflows/release.yml'] }, verdict: 'SEQUENTIAL', sharedInfrastructure: ['ci'] },
  { rule: 'tree.shared-infrastructure', name: 'lockfile and manifest → SEQUENTIAL', a: { files: ['package.json'] }, b: { files: ['package-lock.json'] }, verdict: 'SEQUENTIAL', sharedInfrastructure: ['dependencies'] },
  { rule: 'tree.shared-infrastructure', name: 'CI vs lockfile: different infrastructure (passes)', a: { files: ['.github/workflows/test.yml'] }, b: { files: ['yarn.lock'] }, verdict: 'PARALLEL_OK', pathIncludes: 'PARALLEL OK' },
  { rule: 'tree.shared-infrastructure', name: 'only one side touches infrastructure (passes)', a: { files: ['Dockerfile'] }, b: { files: ['src/a.ts'] }, verdict: 'PARALLEL_OK' },
];

describe('decidePair: the §1 decision tree', () => {
  it.each(cases)('$rule: $name', (c) => {
    const d = decidePair(ph('1A', c.a), ph('1B', c.b));
    expect(d.verdict).toBe(c.verdict);
    if (c.order !== undefined) expect(d.order).toBe(c.order);
    if (c.sharedFiles) expect(d.sharedFiles).toEqual(c.sharedFiles);
    if (c.sharedInfrastructure) expect(d.sharedInfrastructure).toEqual(c.sharedInfrastructure);
    if (c.pathIncludes) expect(d.path.join(' | ')).toContain(c.pathIncludes);
  });

  it('records every step in words, ending in the verdict', () => {
    const d = decidePair(ph('1A', { files: ['src/a.ts'] }), ph('1B', { files: ['src/b.ts'] }));
    expect(d.path).toEqual([
      "Does 1B read 1A's output (or 1A read 1B's)? No",
      'Do both touch the same files or directories? No',
      'Do both modify shared infrastructure? No',
      'PARALLEL OK',
    ]);
  });

  it('user infrastructure patterns extend the defaults', () => {
    const a = ph('1A', { files: ['proto/users.proto'] });
    const b = ph('1B', { files: ['proto/orgs.proto'] });
    expect(decidePair(a, b).verdict).toBe('PARALLEL_OK');
    const d = decidePair(a, b, { extraInfraPatterns: [{ category: 'protobuf', pattern: 'proto/**' }] });
    expect(d.verdict).toBe('SEQUENTIAL');
    expect(d.sharedInfrastructure).toEqual(['protobuf']);
  });

  it('decideAllPairs covers every unordered pair in plan order', () => {
    const all = decideAllPairs([ph('1A'), ph('1B'), ph('1C'), ph('2A')]);
    expect(all.map((d) => `${d.a}-${d.b}`)).toEqual(['1A-1B', '1A-1C', '1A-2A', '1B-1C', '1B-2A', '1C-2A']);
  });
});

describe('decidePairs: walking the tree only for related pairs changes no verdict', () => {
  // Literal files, directories, globs, infrastructure, outputs/inputs and dependencies, mixed.
  const files = ['src/a.ts', 'src', 'src/b/c.ts', 'docs/**/*.md', 'docs/x.md', 'db/migrations/1.sql', 'db/migrations/2.sql', 'package.json', 'yarn.lock', 'README.md', 'lib/{x,y}.ts', 'lib/y.ts', 'api/spec.yaml'];
  const phases = Array.from({ length: 40 }, (_, i) =>
    ph(`P${i}`, {
      files: [files[i % files.length] ?? '', files[(i * 7) % files.length] ?? ''].filter((_, k) => k === 0 || i % 3 === 0),
      outputs: i % 11 === 0 ? ['api/spec.yaml'] : [],
      inputs: i % 13 === 5 ? ['api/spec.yaml'] : [],
      dependsOn: i % 9 === 4 ? [`P${i - 2}`] : [],
      readOnlyResearch: i % 17 === 3,
    }),
  );
  it('keeps exactly the decisions that are not PARALLEL OK, and counts the rest', () => {
    const all = decideAllPairs(phases);
    const scan = decidePairs(phases, {}, false);
    expect(scan.decisions).toEqual(all.filter((d) => d.verdict !== 'PARALLEL_OK'));
    expect(scan.parallelOkOmitted).toBe(all.filter((d) => d.verdict === 'PARALLEL_OK').length);
    expect(scan.decisions.length).toBeGreaterThan(20);
  });
  it('keepParallelOk gives the full list, identical to deciding every pair', () => {
    const brute = [];
    for (let i = 0; i < phases.length; i += 1) for (let j = i + 1; j < phases.length; j += 1) brute.push(decidePair(phases[i] ?? ph('x'), phases[j] ?? ph('y')));
    expect(decidePairs(phases, {}, true).decisions).toEqual(brute);
  });
});
