import { describe, expect, it } from 'vitest';
import { applyPatchOps } from './statePatch';

describe('applyPatchOps', () => {
  const base = { meta: { a: 1 }, items: { x: { v: 1 }, y: { v: 2 } }, other: { z: { v: 3 } } };

  it('sets and deletes entities, leaving untouched collections and entities identical', () => {
    const next = applyPatchOps(base, [
      { op: 'set', path: ['items', 'x'], value: { v: 10 } },
      { op: 'delete', path: ['items', 'y'] },
      { op: 'set', path: ['items', 'w'], value: { v: 4 } },
    ]);
    expect(next.items).toEqual({ x: { v: 10 }, w: { v: 4 } });
    expect(next.other).toBe(base.other);
    expect(next.meta).toBe(base.meta);
    expect(base.items).toEqual({ x: { v: 1 }, y: { v: 2 } });
  });

  it('replaces singletons', () => {
    const next = applyPatchOps(base, [{ op: 'set', path: ['meta'], value: { a: 2 } }]);
    expect(next.meta).toEqual({ a: 2 });
  });

  it('creates a missing collection on first set', () => {
    const next = applyPatchOps(base as Record<string, unknown>, [{ op: 'set', path: ['fresh', 'k'], value: 1 }]);
    expect(next.fresh).toEqual({ k: 1 });
  });
});
