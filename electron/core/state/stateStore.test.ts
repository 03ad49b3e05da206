import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import type { AppState } from '../../../shared/state/appState';
import { applyPatchOps, type StatePatch } from '../../../shared/state/statePatch';
import type { SessionRecord } from '../../../shared/domain/session';
import { StateStore } from './stateStore';

const sessionFixture: SessionRecord = {
  id: '', name: '', worktree: null, git: null, issueId: null, phase: null, agent: null, planPath: null, matchedBy: [], unmatched: true,
  status: 'idle', statusReason: 'idle', statusSince: '2026-01-01T00:00:00Z', claude: null, progress: null, collisions: [], warnings: [],
};

function initial(): AppState {
  return {
    meta: { version: '0', mode: 'serve', demo: false, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: 'default', ready: false, scanProgress: null },
    settings: defaultSettings(),
    sessions: {},
    plans: {},
    dispatch: {},
    warnings: {},
    linearAccount: { connection: { kind: 'not-configured', message: '', until: null }, viewer: null, keySource: 'none', storageProblem: null, team: null, budget: null },
    linearPlans: {},
    linearCreations: {},
    launches: {},
    merge: {},
  };
}

const wt = (id: string, branch: string) => ({ ...sessionFixture, id, name: branch });

describe('StateStore', () => {
  it('coalesces a burst of writes into one patch that a mirror can apply', () => {
    const store = new StateStore(initial(), 1_000);
    const patches: StatePatch[] = [];
    store.subscribe((p) => patches.push(p));
    let mirror = store.snapshot();
    for (let i = 0; i < 50; i++) store.upsert('sessions', `/w${i % 5}`, wt(`/w${i % 5}`, `b${i}`));
    store.flush();
    expect(patches).toHaveLength(1);
    mirror = { seq: patches[0]!.seq, state: applyPatchOps(mirror.state, patches[0]!.ops) };
    expect(mirror.state).toEqual(store.current);
    expect(Object.keys(mirror.state.sessions)).toHaveLength(5);
  });

  it('drops writes that change nothing', () => {
    const store = new StateStore(initial(), 1_000);
    const patches: StatePatch[] = [];
    store.subscribe((p) => patches.push(p));
    store.upsert('sessions', '/a', wt('/a', 'main'));
    store.flush();
    store.upsert('sessions', '/a', wt('/a', 'main'));
    store.remove('sessions', '/missing');
    store.flush();
    expect(patches).toHaveLength(1);
  });

  it('replaceCollection removes entities that are gone', () => {
    const store = new StateStore(initial(), 1_000);
    store.replaceCollection('sessions', { '/a': wt('/a', 'x'), '/b': wt('/b', 'y') });
    store.replaceCollection('sessions', { '/b': wt('/b', 'y') });
    expect(Object.keys(store.current.sessions)).toEqual(['/b']);
    expect(store.snapshot().seq).toBe(1);
  });
});
