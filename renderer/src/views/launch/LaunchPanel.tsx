import { useEffect, useState } from 'react';
import type { DispatchRowDraft } from '../../../../shared/domain/dispatch';
import { launchKey, type ClaudeAvailability } from '../../../../shared/domain/launch';
import type { BatchState } from '../../../../shared/domain/planState';
import { useAppStore } from '../../store/appStore';
import { pushToast } from '../sessions/pushToast';

let availability: Promise<ClaudeAvailability | null> | null = null;
/**
 * Is `claude` on the host's PATH? A yes is remembered for the page, a no is asked again next time
 * (the person may just have installed it); each launch checks again before creating anything.
 */
function useClaude(): ClaudeAvailability | null {
  const client = useAppStore((s) => s.client);
  const [value, setValue] = useState<ClaudeAvailability | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!client) return;
    const asked = (availability ??= client.call('launch.check', {}).then((r) => (r.ok ? r.value : null)));
    let live = true;
    let retry: number | null = null;
    void asked.then((v) => {
      if (!v?.found) availability = null;
      if (!live) return;
      setValue(v);
      // No answer yet (the workspace is still starting): ask again shortly.
      if (v === null) retry = window.setTimeout(() => setAttempt((n) => n + 1), 1000);
    });
    return () => {
      live = false;
      if (retry !== null) window.clearTimeout(retry);
    };
  }, [client, attempt]);
  return value;
}

/**
 * Launch buttons of one approved batch: each row, or the whole batch in turn (it stops at the first
 * refusal and says why). External agents get Delegate instead: their sub-issue is delegated to the
 * agent in Linear (or it is @mentioned there), and the registry row says Delegated.
 */
export function LaunchPanel(props: { planPath: string; batch: number; rows: readonly DispatchRowDraft[]; state: BatchState }) {
  const claude = useClaude();
  const client = useAppStore((s) => s.client);
  const launches = useAppStore((s) => s.state?.launches);
  const sessions = useAppStore((s) => s.state?.sessions);
  const setView = useAppStore((s) => s.setView);
  const registryStatus = useAppStore((s) => s.state?.dispatch[props.planPath]?.registryStatus);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (props.state.state !== 'approved') return null;
  const missing = claude !== null && !claude.found;
  // A row whose issue already has a session in a worktree is being worked on already.
  const elsewhere = (issueId: string) =>
    issueId !== '' && Object.values(sessions ?? {}).some((s) => s.issueId?.toUpperCase() === issueId.toUpperCase() && s.worktree !== null && !s.worktree.isMain);
  // External agents work in their own sandbox: the engine gives their rows Worktree `n/a` (§8).
  const local = props.rows.filter((r) => r.worktree !== 'n/a');
  const pending = local.filter((r) => !launches?.[launchKey(props.planPath, r.session)] && !elsewhere(r.issueId));

  const run = async (what: string, call: () => Promise<string | null>) => {
    setBusy(what);
    setRefusal(null);
    try {
      const problem = await call();
      if (problem) setRefusal(problem);
    } finally {
      setBusy(null);
    }
  };
  const launchRow = (session: string) =>
    run(session, async () => {
      const res = await client?.call('launch.start', { planPath: props.planPath, session });
      if (!res) return 'Not connected.';
      if (!res.ok) return res.error.message;
      pushToast('success', `${session} launched`, `${res.value.branch} in ${res.value.worktreePath}`);
      return null;
    });
  const delegateRow = (session: string) =>
    run(session, async () => {
      const res = await client?.call('launch.delegate', { planPath: props.planPath, session });
      if (!res) return 'Not connected.';
      if (!res.ok) return res.error.message;
      const d = res.value;
      pushToast(
        'success',
        `${session} delegated to ${d.to}`,
        `${d.via === 'delegate' ? `${d.issue} is delegated to ${d.to} in Linear` : d.commentPosted ? `One ${d.to} comment on ${d.issue}` : `${d.issue} already had the ${d.to} comment`}${d.movedToInProgress ? '; In Progress' : ''}.`,
      );
      return null;
    });
  // External rows not handed to their agent yet (the plan's registry says Delegated once they are).
  const toDelegate = props.rows.filter((r) => r.worktree === 'n/a' && !/^delegated\b/i.test(registryStatus?.[r.session] ?? ''));
  const delegateBatch = () =>
    run('delegate-batch', async () => {
      for (const r of toDelegate) {
        const res = await client?.call('launch.delegate', { planPath: props.planPath, session: r.session });
        if (!res) return 'Not connected.';
        if (!res.ok) return `Stopped at ${r.session}: ${res.error.message}`;
      }
      pushToast('success', `Delegated ${toDelegate.map((r) => `${r.session} to ${r.agent}`).join(', ')}`);
      return null;
    });
  const launchBatch = () =>
    run('batch', async () => {
      const res = await client?.call('launch.batch', { planPath: props.planPath, batch: props.batch });
      if (!res) return 'Not connected.';
      if (!res.ok) return res.error.message;
      if (res.value.launched.length > 0) pushToast('success', `Launched ${res.value.launched.map((l) => l.session).join(', ')}`);
      return res.value.refused ? `Stopped at ${res.value.refused.session}: ${res.value.refused.reason}` : null;
    });

  return (
    <div className="launch-panel" data-testid="launch-panel">
      <h3>Launch</h3>
      {missing ? (
        <p className="launch-missing" data-testid="claude-missing" role="status">
          {claude.hint ?? 'claude is not on PATH.'}
        </p>
      ) : null}
      <button
        type="button"
        className="btn primary"
        data-testid="launch-batch"
        disabled={missing || busy !== null || pending.length === 0}
        title={missing ? (claude.hint ?? undefined) : pending.length === 0 ? 'Every local session of this batch is launched' : 'Launch each row in turn, stopping at the first refusal'}
        onClick={() => void launchBatch()}
      >
        {busy === 'batch' ? 'Launching…' : `Launch batch ${props.batch}`}
      </button>
      {toDelegate.length > 1 ? (
        <button type="button" className="btn" data-testid="delegate-batch" disabled={busy !== null} title="Delegate each external-agent row in turn, stopping at the first refusal" onClick={() => void delegateBatch()}>
          {busy === 'delegate-batch' ? 'Delegating…' : `Delegate ${toDelegate.length} to their agents`}
        </button>
      ) : null}
      <ul className="launch-rows">
        {props.rows.map((r) => {
          const launched = launches?.[launchKey(props.planPath, r.session)];
          const external = r.worktree === 'n/a';
          return (
            <li key={r.session} data-testid="launch-row" data-session={r.session}>
              <span className="mono">{r.session}</span> <span className="dim">{r.issueId}</span>{' '}
              {external ? (
                /^delegated\b/i.test(registryStatus?.[r.session] ?? '') ? (
                  <span className="pill ok" data-testid="delegated" title={`Handed to ${r.agent} on its Linear sub-issue; its branch and PR come from ${r.agent}`}>
                    Delegated to {r.agent}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn small"
                    data-testid="delegate-one"
                    disabled={busy !== null}
                    title={`${r.agent} works in its own sandbox: delegate the Linear sub-issue to it (or @mention it there, one agent per comment)`}
                    onClick={() => void delegateRow(r.session)}
                  >
                    {busy === r.session ? 'Delegating…' : `Delegate to ${r.agent}`}
                  </button>
                )
              ) : launched ? (
                <button type="button" className="btn small" data-testid="launched" onClick={() => setView('sessions')} title={`${launched.worktreePath} — open in Sessions`}>
                  {launched.phase === 'running' ? 'Running' : launched.phase === 'exited' ? 'Exited' : 'Failed'} ↗
                </button>
              ) : elsewhere(r.issueId) ? (
                <button type="button" className="btn small" data-testid="already-running" onClick={() => setView('sessions')} title="This issue already has a session in a worktree — open in Sessions">
                  In Sessions ↗
                </button>
              ) : (
                <button type="button" className="btn small" data-testid="launch-one" disabled={missing || busy !== null} title={missing ? (claude.hint ?? undefined) : `Worktree, branch ${r.branch ?? ''}, claude (${r.launchAs ?? 'Ask permissions'})`} onClick={() => void launchRow(r.session)}>
                  {busy === r.session ? 'Launching…' : `Launch ${r.session}`}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {refusal ? (
        <p className="sessions-open-problem" data-testid="launch-refusal" role="alert">
          {refusal}
        </p>
      ) : null}
    </div>
  );
}
