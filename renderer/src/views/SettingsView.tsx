import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/domain/settings';
import { callAndToast } from '../components/callAndToast';
import { useAppStore } from '../store/appStore';
import { GithubSettings } from './settings/GithubSettings';
import { LinearSettings } from './settings/LinearSettings';
import { ViewHeader } from './ViewHeader';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function ListField(props: { label: string; help: string; value: string[]; onSave(value: string[]): void; testId: string; placeholder?: string }) {
  const [text, setText] = useState(props.value.join('\n'));
  useEffect(() => setText(props.value.join('\n')), [props.value]);
  const dirty = text.trim() !== props.value.join('\n').trim();
  return (
    <label>
      {props.label}
      <textarea data-testid={props.testId} value={text} onChange={(e) => setText(e.target.value)} placeholder={props.placeholder ?? 'One folder per line'} />
      <span className="faint">{props.help}</span>
      {dirty ? (
        <span>
          <button type="button" className="btn small primary" onClick={() => props.onSave(lines(text))}>
            Save
          </button>
        </span>
      ) : null}
    </label>
  );
}

export function SettingsView() {
  const settings = useAppStore((s) => s.state?.settings);
  const meta = useAppStore((s) => s.state?.meta);
  const warnings = useAppStore((s) => s.state?.warnings);
  if (!settings || !meta) return null;
  const save = (patch: Partial<Settings>) => void callAndToast('settings.update', patch, 'Settings saved');
  const homeSource = { flag: 'from --claude-home', env: 'from CLAUDE_CONFIG_DIR', default: 'the default', demo: 'the demo workspace' }[meta.claudeHomeSource];
  return (
    <>
      <ViewHeader title="Settings" sub="Saved at once; they survive restarts." />
      <div className="view-body">
        <div className="form">
          <section>
            <h3>Where Switchyard looks</h3>
            <dl className="kv">
              <dt>Claude home</dt>
              <dd>
                {meta.claudeHome} <span className="faint">({homeSource})</span>
              </dd>
              <dt>Settings and caches</dt>
              <dd>{meta.dataDir}</dd>
            </dl>
          </section>
          <section>
            <h3>Folders and repositories</h3>
            <p className="help">
              Worktrees in <code>&lt;Claude home&gt;/worktrees</code> and each repo&apos;s <code>.claude/worktrees</code> are found without
              configuration.
            </p>
            <ListField label="Repositories" testId="settings-repos" help="Watched even before they have worktrees." value={settings.repos} onSave={(repos) => save({ repos })} />
            <ListField label="Extra worktree roots" testId="settings-roots" help="Folders whose children are worktrees." value={settings.worktreeRoots} onSave={(worktreeRoots) => save({ worktreeRoots })} />
            <ListField label="Plan folders" testId="settings-plan-folders" help="Besides <Claude home>/plans and each repo's plan folders." value={settings.planFolders} onSave={(planFolders) => save({ planFolders })} />
          </section>
          <section data-testid="settings-dispatch-rules">
            <h3>Dispatch rules</h3>
            <label>
              Cost profile
              <select value={settings.costProfile} onChange={(e) => save({ costProfile: e.target.value as Settings['costProfile'] })} data-testid="settings-cost-profile">
                <option value="capped">Capped: a session estimated over $10 runs as checkpoint (or its budget is confirmed)</option>
                <option value="unlimited">Unlimited: no checkpoint needed for the cost</option>
              </select>
              <span className="faint">
                For plans without a <code>Cost profile:</code> line; a plan&apos;s own line wins.
              </span>
            </label>
            <ListField
              label="Shared infrastructure paths"
              testId="settings-infra-patterns"
              placeholder={'One pattern per line, e.g. src/db/schema/**'}
              help="Besides the rule book's own (package manifests, CI, migrations, …): two phases that both touch one of these run one after the other."
              value={settings.sharedInfrastructurePatterns}
              onSave={(sharedInfrastructurePatterns) => save({ sharedInfrastructurePatterns })}
            />
          </section>
          <section>
            <h3>Appearance and notifications</h3>
            <label>
              Theme
              <select value={settings.theme} onChange={(e) => save({ theme: e.target.value as Settings['theme'] })} data-testid="settings-theme">
                <option value="system">Follow the system</option>
                <option value="dark">Dark</option>
                <option value="light">Light</option>
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" checked={settings.notifications} onChange={(e) => save({ notifications: e.target.checked })} />
              Notify me when a session waits for me, finishes or fails
            </label>
          </section>
          <LinearSettings />
          <GithubSettings />
          {warnings && Object.keys(warnings).length > 0 ? (
            <section data-testid="warnings">
              <h3>Warnings</h3>
              <ul>
                {Object.values(warnings).map((w) => (
                  <li key={w.id}>
                    <span className={w.severity === 'error' ? 'pill bad' : 'pill warn'}>{w.source}</span> {w.message}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}
