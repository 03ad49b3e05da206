import { useState } from 'react';
import { callAndToast } from '../components/callAndToast';
import { useAppStore } from '../store/appStore';

/** What a new user sees with no sessions anywhere: where we looked, and what to do next. */
export function EmptyWorkspace() {
  const meta = useAppStore((s) => s.state?.meta);
  const setView = useAppStore((s) => s.setView);
  const [opening, setOpening] = useState(false);
  return (
    <div className="empty" data-testid="empty-workspace">
      <h2>No parallel sessions yet</h2>
      <p>
        Switchyard looked in <code>{meta?.claudeHome}/worktrees</code>, the <code>.claude/worktrees</code> folder of every known repo and{' '}
        <code>git worktree list</code>, and found nothing. Start Claude Code with <code>claude --worktree &lt;name&gt;</code>, add your repos in
        Settings, or look around the demo workspace first.
      </p>
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={opening}
          onClick={async () => {
            setOpening(true);
            await callAndToast('workspace.openDemo', {}, 'Demo workspace opened');
            setOpening(false);
          }}
        >
          {opening ? 'Generating the demo…' : 'Open the demo workspace'}
        </button>
        <button type="button" className="btn" onClick={() => setView('settings')}>
          Settings
        </button>
      </div>
    </div>
  );
}
