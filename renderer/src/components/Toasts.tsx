import { useEffect } from 'react';
import { useAppStore } from '../store/appStore';

const TOAST_MS = 6_000;

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    if (toasts.length === 0) return;
    const oldest = toasts[0];
    if (!oldest) return;
    const timer = setTimeout(() => dismiss(oldest.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toasts, dismiss]);
  return (
    <div className="toasts" role="region" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.level}`} role="status" onClick={() => dismiss(toast.id)}>
          <div className="title">{toast.title}</div>
          {toast.body ? <div className="body">{toast.body}</div> : null}
        </div>
      ))}
    </div>
  );
}
