import { useEffect } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { LeftRail } from './components/LeftRail';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { useTheme } from './components/useTheme';
import { useAppStore } from './store/appStore';
import { useLinearVisibility } from './views/linear/useLinearVisibility';
import { SessionsView } from './views/SessionsView';
import { SettingsView } from './views/SettingsView';
import { DispatchView } from './views/DispatchView';
import { MergeView } from './views/MergeView';
import { PlansView } from './views/PlansView';

export function App() {
  const view = useAppStore((s) => s.view);
  const hasState = useAppStore((s) => s.state !== null);
  const setPaletteOpen = useAppStore((s) => s.setPaletteOpen);
  useTheme();
  useLinearVisibility();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPaletteOpen]);

  return (
    <div className="app">
      <LeftRail />
      <main className="main" aria-busy={!hasState}>
        {!hasState ? (
          <div className="empty" role="status">
            <h2>Connecting to Switchyard…</h2>
          </div>
        ) : view === 'sessions' ? (
          <SessionsView />
        ) : view === 'dispatch' ? (
          <DispatchView />
        ) : view === 'merge' ? (
          <MergeView />
        ) : view === 'plans' ? (
          <PlansView />
        ) : (
          <SettingsView />
        )}
      </main>
      <StatusBar />
      <Toasts />
      <CommandPalette />
    </div>
  );
}
