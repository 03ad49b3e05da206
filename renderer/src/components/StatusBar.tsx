import { useAppStore } from '../store/appStore';

export function StatusBar() {
  const connected = useAppStore((s) => s.connected);
  const meta = useAppStore((s) => s.state?.meta);
  const warningCount = useAppStore((s) => (s.state ? Object.keys(s.state.warnings).length : 0));
  const setView = useAppStore((s) => s.setView);
  return (
    <footer className="statusbar" aria-label="Status">
      <span>
        <span className={connected ? 'dot' : 'dot off'} aria-hidden />
        {connected ? 'Connected' : 'Disconnected — reconnecting'}
      </span>
      {meta ? (
        <span title={meta.claudeHome}>
          {meta.demo ? 'Demo workspace' : 'Claude home'} · <span className="mono">{meta.claudeHome}</span>
        </span>
      ) : null}
      {meta && !meta.ready ? <span>{meta.scanProgress?.label ?? 'Scanning'}…</span> : null}
      <span className="right">
        {warningCount > 0 ? (
          <button type="button" className="btn small" onClick={() => setView('settings')} data-testid="warning-count">
            {warningCount} warning{warningCount === 1 ? '' : 's'}
          </button>
        ) : null}
        {meta ? <span>{meta.mode === 'serve' ? 'Serve mode' : 'Desktop'} · v{meta.version}</span> : null}
      </span>
    </footer>
  );
}
