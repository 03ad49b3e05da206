import type { Toast } from '../../../../shared/domain/appMeta';
import { useAppStore } from '../../store/appStore';

/** An in-app toast raised by the UI itself (copy confirmations); core's toasts come through connectStore. */
export function pushToast(level: Toast['level'], title: string, body?: string): void {
  useAppStore.setState((s) => ({
    toasts: [...s.toasts, { id: `${Date.now()}-${Math.random()}`, level, title, at: new Date().toISOString(), ...(body ? { body } : {}) }].slice(-5),
  }));
}
