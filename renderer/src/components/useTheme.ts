import { useEffect } from 'react';
import { useAppStore } from '../store/appStore';

/** Applies the theme setting; "system" follows the OS and keeps following it. */
export function useTheme(): void {
  const theme = useAppStore((s) => s.state?.settings.theme ?? 'system');
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: light)');
    const apply = () => {
      const resolved = theme === 'system' ? (media.matches ? 'light' : 'dark') : theme;
      document.documentElement.dataset.theme = resolved;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
