import { useState } from 'react';
import type { SessionRecord } from '../../../../shared/domain/session';
import { useAppStore } from '../../store/appStore';
import { copyText, openWorktree } from './sessionActions';

/** Open the worktree (desktop), or copy what a terminal needs (everywhere). */
export function DetailActions(props: { record: SessionRecord; resumeCommand: string | null }) {
  const { record, resumeCommand } = props;
  const serve = useAppStore((s) => s.state?.meta.mode === 'serve');
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  const path = record.worktree?.path ?? null;
  const branch = record.git?.branch ?? record.worktree?.branch ?? null;
  const hint = serve ? 'Works in the desktop app' : undefined;
  const open = async (using: 'files' | 'editor' | 'terminal') => {
    if (path) setOpenProblem(await openWorktree(path, using));
  };
  return (
    <div className="sessions-actions" data-testid="session-actions">
      <div className="sessions-actions-row" role="group" aria-label="Open the worktree">
        <span className="sessions-actions-label">Open in</span>
        <button type="button" className="btn small" disabled={!path} onClick={() => void open('files')} title={hint}>
          Files
        </button>
        <button type="button" className="btn small" disabled={!path} onClick={() => void open('editor')} title={hint}>
          Editor
        </button>
        <button type="button" className="btn small" disabled={!path} onClick={() => void open('terminal')} title={hint}>
          Terminal
        </button>
      </div>
      <div className="sessions-actions-row" role="group" aria-label="Copy">
        <span className="sessions-actions-label">Copy</span>
        <button type="button" className="btn small" disabled={!path} onClick={() => path && void copyText(path, 'path')}>
          Path
        </button>
        <button type="button" className="btn small" disabled={!branch} onClick={() => branch && void copyText(branch, 'branch')}>
          Branch
        </button>
        <button type="button" className="btn small" disabled={!resumeCommand} onClick={() => resumeCommand && void copyText(resumeCommand, 'resume command')}>
          Resume command
        </button>
      </div>
      {openProblem ? (
        <p className="sessions-open-problem" role="status">
          {openProblem}
        </p>
      ) : null}
    </div>
  );
}
