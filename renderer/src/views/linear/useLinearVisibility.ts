import { useEffect } from 'react';
import { useAppStore } from '../../store/appStore';

/**
 * Tells core whether the page is visible so Linear polls slower in a background tab (serve mode;
 * the desktop window reports it from main). Mount once, e.g. in App.
 */
export function useLinearVisibility(): void {
  const client = useAppStore((s) => s.client);
  useEffect(() => {
    if (!client || client.transport === 'electron') return;
    const report = () => void client.call('linear.setVisible', { visible: document.visibilityState === 'visible' });
    document.addEventListener('visibilitychange', report);
    return () => document.removeEventListener('visibilitychange', report);
  }, [client]);
}
