import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../state/stateStore';
import type { PlansService } from './plansService';
import { openPlansWorld, type PlansWorld } from './plansWorld.testutil';

/** §3 pre-dispatch gate, on a real plan file: approval refused until the pass (or a waiver) is in the plan. */

const link = (id: string): string => `[${id}](https://linear.app/claudian/issue/${id})`;
const PLAN = `# Spec first

**Parent issue:** ${link('CIA-700')}
**Date:** 2026-12-02
**Repo:** /repos/spec-first
**Review:** pre-dispatch

## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
| ${link('CIA-701')} | Schema | Todo | tdd | 3 | None |

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('CIA-701')} | Schema | 1 | None |

## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 1A | ${link('CIA-701')} | Schema | tdd | ~$3 | Claude Code | no |
`;

let world: PlansWorld;
let path: string;
let store: StateStore;
let service: PlansService;

beforeEach(async () => {
  world = await openPlansWorld({ prefix: 'review-gates-', fileName: '2026-12-02-ccc-spec-first.md', text: PLAN, whoAmI: 'ana', now: '2026-12-02T03:00:00.000Z' });
  ({ planPath: path, store, service } = world);
});

afterEach(() => world.close());

const hash = () => store.current.dispatch[path]?.contentHash ?? '';

describe('pre-dispatch review gate', () => {
  it('refuses approval, then approves once "Record review passed" wrote its line', async () => {
    expect(store.current.dispatch[path]?.review?.preDispatch).toMatchObject({ required: true, blocking: true });
    await expect(service.approve({ planPath: path, expectedHash: hash(), batch: 1, edits: {} })).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/pre-dispatch review to pass Gate 2/) });
    expect(await readFile(path, 'utf8')).toBe(PLAN);

    await expect(service.recordReview({ planPath: path, timing: 'pre-dispatch', outcome: 'waived', note: '  ' })).rejects.toMatchObject({ code: 'bad_request' });
    const r = await service.recordReview({ planPath: path, timing: 'pre-dispatch', outcome: 'passed', note: 'https://example.org/r/1' });
    expect(r.line).toBe('- 2026-12-02T03:00:00.000Z — Pre-dispatch review: passed Gate 2 (2026-12-02, https://example.org/r/1) — recorded by ana');
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${PLAN}\n## Review\n\n${r.line}\n`);
    expect(store.current.dispatch[path]?.review?.preDispatch.blocking).toBe(false);

    await service.approve({ planPath: path, expectedHash: hash(), batch: 1, edits: {} });
    expect(await readFile(path, 'utf8')).toMatch(/Batch 1 approved by ana: 1 session\(s\) 1A; merge order 1A\n/);
  });

  it('an approval override names the review rule in the plan (launch reads it from there)', async () => {
    await service.approve({ planPath: path, expectedHash: hash(), batch: 1, edits: {}, overrideReason: 'spec reviewed at the design meeting' });
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/OVERRIDE of 1 violation\(s\) \(review\.pre-dispatch\): "spec reviewed at the design meeting"/);
    const state = store.current.dispatch[path];
    expect(state?.batchStates[0]?.note).toMatch(/review\.pre-dispatch/);
  });
});
