import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/contract';
import type { RateBudget } from '../../../../shared/domain/linear';
import type { Settings } from '../../../../shared/domain/settings';
import type { LinearAccount } from '../../../../shared/state/appState';
import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';
import { clockTime, connectionWords } from '../linear/connectionWords';
import { LinearPlanIssues } from '../linear/LinearPlanIssues';

type Teams = ResultOf<'linear.teams'>;

const KEY_SOURCE: Record<LinearAccount['keySource'], string> = {
  none: 'No key yet.',
  env: 'From the LINEAR_API_KEY environment variable.',
  'safe-storage': 'Saved encrypted with the system keyring (safeStorage) in the app data folder.',
  memory: 'Held in memory only; it is gone when Switchyard stops.',
};

function budgetWords(budget: RateBudget | null): string | null {
  if (!budget || budget.requestsRemaining === null) return null;
  const n = (v: number | null) => (v === null ? '?' : v.toLocaleString());
  const reset = budget.requestsResetAt ? ` (resets ${clockTime(new Date(budget.requestsResetAt).toISOString())})` : '';
  const complexity = budget.complexityRemaining !== null ? `; ${n(budget.complexityRemaining)} of ${n(budget.complexityLimit)} complexity points` : '';
  return `${n(budget.requestsRemaining)} of ${n(budget.requestsLimit)} requests this hour${reset}${complexity}`;
}

function TeamPicker({ account, teamId }: { account: LinearAccount; teamId: string | null }) {
  const [teams, setTeams] = useState<Teams | null>(null);
  const viewerId = account.viewer?.id ?? null;
  useEffect(() => {
    if (!viewerId) return;
    let live = true;
    void callAndToast('linear.teams', {}).then((t) => {
      if (live) setTeams(t);
    });
    return () => {
      live = false;
    };
  }, [viewerId]);
  if (!viewerId) return null;
  const value = teamId ?? account.team?.id ?? '';
  return (
    <label>
      Team
      <select data-testid="linear-team" value={value} onChange={(e) => void callAndToast('linear.setTeam', { teamId: e.target.value || null }, 'Team saved')}>
        <option value="">{teams ? 'Pick a team' : 'Loading teams…'}</option>
        {(teams ?? (account.team ? [account.team] : [])).map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.key})
          </option>
        ))}
      </select>
    </label>
  );
}

function SlugField({ slug, onSave }: { slug: string; onSave(slug: string): void }) {
  const [text, setText] = useState(slug);
  useEffect(() => setText(slug), [slug]);
  const dirty = text.trim() !== slug && text.trim() !== '';
  return (
    <label>
      Workspace slug
      <input type="text" data-testid="linear-slug" value={text} onChange={(e) => setText(e.target.value)} placeholder="your-workspace" />
      <span className="faint">Links open https://linear.app/{text.trim() || slug}/issue/…</span>
      {dirty ? (
        <span>
          <button type="button" className="btn small primary" onClick={() => onSave(text.trim())}>
            Save
          </button>
        </span>
      ) : null}
    </label>
  );
}

/** Settings → Linear: the key, whom we are connected as, team, links, write-back, budget, live plans. */
export function LinearSettings() {
  const account = useAppStore((s) => s.state?.linearAccount);
  const settings = useAppStore((s) => s.state?.settings);
  const mode = useAppStore((s) => s.state?.meta.mode);
  const demo = useAppStore((s) => s.state?.meta.demo);
  const plans = useAppStore((s) => s.state?.linearPlans);
  const [key, setKey] = useState('');
  if (!account || !settings) return null;
  const save = (patch: Partial<Settings['linear']>) => void callAndToast('settings.update', { linear: patch }, 'Settings saved');
  const words = connectionWords(account.connection, account.viewer?.name ?? null);
  const budget = budgetWords(account.budget);
  const saveKey = async () => {
    const result = await callAndToast('linear.setKey', { apiKey: key.trim() }, 'Linear key saved');
    if (result) setKey('');
  };
  const planList = Object.values(plans ?? {}).sort((a, b) => a.masterIssueId.localeCompare(b.masterIssueId, undefined, { numeric: true }));
  return (
    <section className="linear-settings" data-testid="linear-settings">
      <h3>Linear</h3>
      <p className={`linear-connection ${words.tone}`} data-testid="linear-connection" data-kind={account.connection.kind} title={account.connection.message}>
        <span className="swatch" aria-hidden="true" />
        {words.text}
        {account.viewer?.email ? <span className="faint"> ({account.viewer.email})</span> : null}
        <button type="button" className="btn small" onClick={() => void callAndToast('linear.refresh', {})} disabled={account.connection.kind === 'not-configured'}>
          Refresh
        </button>
      </p>
      {account.connection.kind !== 'ok' && account.connection.kind !== 'not-configured' ? <p className="help">{account.connection.message}</p> : null}
      {account.storageProblem ? (
        <div className="banner" data-testid="linear-storage-problem">
          {account.storageProblem}
        </div>
      ) : null}
      {mode === 'serve' ? (
        <p className="help" data-testid="linear-serve-note">
          In the browser (serve mode) the key comes from the <code>LINEAR_API_KEY</code> environment variable of the server; a key pasted here is
          kept in memory only, until the server stops.
        </p>
      ) : null}
      <label>
        API key
        <span className="row">
          <input
            type="password"
            data-testid="linear-key"
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && key.trim()) void saveKey();
            }}
            placeholder={account.keySource === 'none' ? 'lin_api_…  (Linear → Settings → Security & access → Personal API keys)' : 'Paste a new key to replace the current one'}
          />
          <button type="button" className="btn small primary" disabled={!key.trim()} onClick={() => void saveKey()}>
            Save
          </button>
          <button
            type="button"
            className="btn small danger"
            disabled={account.keySource === 'none'}
            onClick={() => void callAndToast('linear.setKey', { apiKey: null }, 'Linear key removed')}
          >
            Remove
          </button>
        </span>
        <span className="faint" data-testid="linear-key-source">
          {demo && account.keySource === 'memory' ? 'The demo workspace uses a local Linear test server with its own key (in memory).' : KEY_SOURCE[account.keySource]}
        </span>
      </label>
      <TeamPicker account={account} teamId={settings.linear.teamId} />
      <SlugField slug={settings.linear.workspaceSlug} onSave={(workspaceSlug) => save({ workspaceSlug })} />
      <label className="inline">
        <input type="checkbox" data-testid="linear-writeback-started" checked={settings.linear.writeBackStarted} onChange={(e) => save({ writeBackStarted: e.target.checked })} />
        When a session starts, move its issue to In Progress
      </label>
      <label className="inline">
        <input type="checkbox" data-testid="linear-writeback-merged" checked={settings.linear.writeBackMerged} onChange={(e) => save({ writeBackMerged: e.target.checked })} />
        When its branch is merged, move its issue to Done
      </label>
      <dl className="kv">
        <dt>Rate budget left</dt>
        <dd data-testid="linear-budget">{budget ?? '—'}</dd>
        {settings.linear.apiUrl !== 'https://api.linear.app/graphql' ? (
          <>
            <dt>API endpoint</dt>
            <dd>{settings.linear.apiUrl}</dd>
          </>
        ) : null}
      </dl>
      {planList.length ? (
        <div className="linear-plans" data-testid="linear-plans">
          <h4>Master plans in Linear</h4>
          {planList.map((p) => (
            <LinearPlanIssues key={p.masterIssueId} plan={p} />
          ))}
        </div>
      ) : account.connection.kind !== 'not-configured' ? (
        <p className="help">Master plans appear here once their parent issues are known.</p>
      ) : null}
    </section>
  );
}
