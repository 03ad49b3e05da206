import { afterEach, describe, expect, it } from 'vitest';
import type { PushedEvent, RequestName, RpcResult, SwitchyardClient } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/domain/settings';
import type { AppMeta } from '../../../shared/domain/appMeta';
import type { AppState, StateSnapshot } from '../../../shared/state/appState';
import { newAppState } from '../../../shared/state/newAppState';
import { useAppStore } from './appStore';
import { connectStore } from './connectStore';

const meta = { version: 't', mode: 'serve', demo: false, claudeHome: '/h', claudeHomeSource: 'flag', dataDir: '/d', startedAt: '2026-01-01T00:00:00.000Z', ready: true, scanProgress: null } as AppMeta;

/** A client whose server side this test plays: it pushes events and answers app.snapshot from `serverState`. */
class FakeServer implements SwitchyardClient {
  readonly transport = 'websocket' as const;
  serverState: StateSnapshot = { seq: 0, state: newAppState(meta, defaultSettings()) };
  readonly calls: RequestName[] = [];
  private readonly listeners = new Set<(event: PushedEvent) => void>();

  call<N extends RequestName>(name: N): Promise<RpcResult<never>> {
    this.calls.push(name);
    return Promise.resolve({ ok: true, value: structuredClone(this.serverState) as never });
  }
  onEvent(listener: (event: PushedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onConnection(listener: (connected: boolean) => void): () => void {
    listener(true);
    return () => undefined;
  }
  push(event: PushedEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

const theme = (s: AppState | null) => s?.settings.theme;
let disconnect: (() => void) | null = null;
afterEach(() => disconnect?.());

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('connectStore keeps the mirror in sequence', () => {
  it('applies patches in sequence and asks for a fresh snapshot when one is missing', async () => {
    const server = new FakeServer();
    disconnect = connectStore(server);
    await settled();
    expect(server.calls).toEqual(['app.snapshot']); // on connect
    expect(useAppStore.getState().seq).toBe(0);

    const light = { ...defaultSettings(), theme: 'light' as const };
    server.push({ event: 'state.patch', payload: { seq: 1, ops: [{ op: 'set', path: ['settings'], value: light }] } });
    expect(useAppStore.getState().seq).toBe(1);
    expect(theme(useAppStore.getState().state)).toBe('light');

    // Seq 2 never arrives: the server moved on to 3 (dark) and then 4 (system); 3 must not be guessed onto 1.
    server.serverState = { seq: 4, state: { ...newAppState(meta, { ...defaultSettings(), theme: 'system' }) } };
    server.push({ event: 'state.patch', payload: { seq: 3, ops: [{ op: 'set', path: ['settings'], value: { ...light, theme: 'dark' } }] } });
    expect(theme(useAppStore.getState().state)).toBe('light');
    await settled();
    expect(server.calls).toEqual(['app.snapshot', 'app.snapshot']);
    expect(useAppStore.getState().seq).toBe(4);
    expect(theme(useAppStore.getState().state)).toBe('system');

    // Old patches are ignored; the next in sequence applies on top of the snapshot.
    server.push({ event: 'state.patch', payload: { seq: 4, ops: [{ op: 'set', path: ['settings'], value: light }] } });
    expect(theme(useAppStore.getState().state)).toBe('system');
    server.push({ event: 'state.patch', payload: { seq: 5, ops: [{ op: 'set', path: ['settings'], value: light }] } });
    expect(useAppStore.getState().seq).toBe(5);
    expect(theme(useAppStore.getState().state)).toBe('light');
  });

  it('asks once while a resnapshot is under way, however many gaps arrive', async () => {
    const server = new FakeServer();
    disconnect = connectStore(server);
    await settled();
    server.push({ event: 'state.snapshot', payload: { seq: 10, state: newAppState(meta, defaultSettings()) } });
    server.serverState = { seq: 20, state: newAppState(meta, defaultSettings()) };
    for (const seq of [12, 13, 15]) server.push({ event: 'state.patch', payload: { seq, ops: [] } });
    await settled();
    expect(server.calls.filter((c) => c === 'app.snapshot')).toHaveLength(2);
    expect(useAppStore.getState().seq).toBe(20);
  });
});
