import type { ViewName } from '../store/appStore';
import { useAppStore } from '../store/appStore';
import { isRepositoryRow } from '../views/sessions/repositoryRows';

const ITEMS: { view: ViewName; label: string; key: string }[] = [
  { view: 'sessions', label: 'Sessions', key: '1' },
  { view: 'dispatch', label: 'Dispatch', key: '2' },
  { view: 'merge', label: 'Merge', key: '3' },
  { view: 'plans', label: 'Plans', key: '4' },
  { view: 'settings', label: 'Settings', key: '5' },
];

export function LeftRail() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  // Main checkouts are repository lines, not sessions.
  const sessionCount = useAppStore((s) => (s.state ? Object.values(s.state.sessions).filter((r) => !isRepositoryRow(r)).length : 0));
  return (
    <nav className="rail" aria-label="Views">
      <div className="rail-brand">
        <span className="logo" aria-hidden />
        Switchyard
      </div>
      {ITEMS.map((item) => (
        <button
          key={item.view}
          type="button"
          className="rail-item"
          aria-current={view === item.view ? 'page' : undefined}
          onClick={() => setView(item.view)}
          title={`${item.label} (Alt+${item.key})`}
        >
          <span>{item.label}</span>
          {item.view === 'sessions' && sessionCount > 0 ? <span className="count">{sessionCount}</span> : null}
        </button>
      ))}
      <div className="rail-spacer" />
      <div className="rail-hint">
        <kbd>Ctrl</kbd> <kbd>K</kbd> commands
      </div>
    </nav>
  );
}
