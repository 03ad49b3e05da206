import { useMemo } from 'react';
import { useAppStore, type ViewName } from '../store/appStore';
import type { PaletteCommand } from './CommandPalette';
import { callAndToast } from './callAndToast';

const VIEWS: ViewName[] = ['sessions', 'dispatch', 'merge', 'plans', 'settings'];

export function useCommands(): PaletteCommand[] {
  const setView = useAppStore((s) => s.setView);
  const theme = useAppStore((s) => s.state?.settings.theme ?? 'system');
  return useMemo(() => {
    const commands: PaletteCommand[] = VIEWS.map((view) => ({
      id: `go:${view}`,
      label: `Go to ${view[0]?.toUpperCase()}${view.slice(1)}`,
      hint: 'view',
      run: () => setView(view),
    }));
    commands.push(
      { id: 'rescan', label: 'Rescan worktrees, sessions and plans', run: () => void callAndToast('workspace.rescan', {}, 'Rescanned') },
      { id: 'demo', label: 'Open the demo workspace', run: () => void callAndToast('workspace.openDemo', {}, 'Demo workspace opened') },
      {
        id: 'theme',
        label: `Switch to ${theme === 'light' ? 'dark' : 'light'} theme`,
        run: () => void callAndToast('settings.update', { theme: theme === 'light' ? 'dark' : 'light' }),
      },
    );
    return commands;
  }, [setView, theme]);
}
