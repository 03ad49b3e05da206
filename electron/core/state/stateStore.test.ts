import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import type { AppState } from '../../../shared/state/appState';
import { applyPatchOps, type StatePatch } from '../../../shared/state/statePatch';
import { StateStore } from './stateStore';

function initial(): AppState {
  return {
    meta: { version: '0', mode: 'serve', demo: false, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: 'default', ready: false, scanProgress: null },
    settings: defaultSettings(),
    worktrees: {},
    warnings: {},
  };
}

const wt = (id: string, branch: string) => ({ id, path: id, repoRoot: '/r', branch, head: 'abc', source: 'git-worktree-list' });

describe('StateStore', () => {
  it('coalesces a burst of writes into one patch that a mirror can apply', () => {
    const store = new StateStore(initial(), 1_000);
    const patches: StatePatch[] = [];
    store.subscribe((p) => patches.push(p));
    let mirror = store.snapshot();
    for (let i = 0; i < 50; i++) store.upsert('worktrees', `/w${i % 5}`, wt(`/w${i % 5}`, `b${i}`));
    store.flush();
    expect(patches).toHaveLength(1);
    mirror = { seq: patches[0]!.seq, state: applyPatchOps(mirror.state, patches[0]!.ops) };
    expect(mirror.state).toEqual(store.current);
    expect(Object.keys(mirror.state.worktrees)).toHaveLength(5);
  });

  it('drops writes that change nothing', () => {
    const store = new StateStore(initial(), 1_000);
    const patches: StatePatch[] = [];
    store.subscribe((p) => patches.push(p));
    store.upsert('worktrees', '/a', wt('/a', 'main'));
    store.flush();
    store.upsert('worktrees', '/a', wt('/a', 'main'));
    store.remove('worktrees', '/missing');
    store.flush();
    expect(patches).toHaveLength(1);
  });

  it('replaceCollection removes entities that are gone', () => {
    const store = new StateStore(initial(), 1_000);
    store.replaceCollection('worktrees', { '/a': wt('/a', 'x'), '/b': wt('/b', 'y') });
    store.replaceCollection('worktrees', { '/b': wt('/b', 'y') });
    expect(Object.keys(store.current.worktrees)).toEqual(['/b']);
    expect(store.snapshot().seq).toBe(1);
  });
});
