import { create } from 'zustand';
import type { SwitchyardClient } from '../../../shared/contract';
import type { Toast } from '../../../shared/domain/appMeta';
import type { AppState } from '../../../shared/state/appState';

export type ViewName = 'sessions' | 'dispatch' | 'merge' | 'plans' | 'settings';

export interface AppStore {
  client: SwitchyardClient | null;
  connected: boolean;
  seq: number;
  /** The read-only mirror of core's state; null until the first snapshot. */
  state: AppState | null;
  toasts: Toast[];
  view: ViewName;
  paletteOpen: boolean;
  setView(view: ViewName): void;
  setPaletteOpen(open: boolean): void;
  dismissToast(id: string): void;
}

export const useAppStore = create<AppStore>((set) => ({
  client: null,
  connected: false,
  seq: 0,
  state: null,
  toasts: [],
  view: initialView(),
  paletteOpen: false,
  setView: (view) => {
    if (typeof window !== 'undefined') window.history.replaceState(null, '', `#${view}`);
    set({ view });
  },
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

function initialView(): ViewName {
  if (typeof window === 'undefined') return 'sessions';
  const hash = window.location.hash.replace('#', '');
  return (['sessions', 'dispatch', 'merge', 'plans', 'settings'] as const).find((v) => v === hash) ?? 'sessions';
}
