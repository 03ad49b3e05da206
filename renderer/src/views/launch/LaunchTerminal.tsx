import { useEffect, useRef, useState } from 'react';
import type { LaunchRecord } from '../../../../shared/domain/launch';
import type { SessionRecord } from '../../../../shared/domain/session';
import { useAppStore } from '../../store/appStore';
import { DetailSection } from '../sessions/DetailSection';
import { copyText } from '../sessions/sessionActions';
import { attachTerminal } from './terminalHost';

/** The launch (if Switchyard started this session) whose worktree this record is. */
export function useLaunchOf(record: SessionRecord): LaunchRecord | null {
  const launches = useAppStore((s) => s.state?.launches);
  const path = record.worktree?.path ?? null;
  if (!launches || !path) return null;
  return Object.values(launches).find((l) => l.worktreePath === path) ?? null;
}

/** The session's own terminal (a PTY the core owns): live, resizable, back where it was on reopening. */
export function LaunchTerminal({ record }: { record: SessionRecord }) {
  const launch = useLaunchOf(record);
  const client = useAppStore((s) => s.client);
  const connected = useAppStore((s) => s.connected);
  const host = useRef<HTMLDivElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = launch?.id ?? null;
  const streamed = launch?.terminal ?? false;

  useEffect(() => {
    if (!id || !client || !streamed || !connected || !host.current) return;
    let detach: (() => void) | null = null;
    let gone = false;
    void attachTerminal(client, id, host.current).then((t) => {
      if (gone) t.detach();
      else {
        detach = t.detach;
        setProblem(t.problem);
      }
    });
    return () => {
      gone = true;
      detach?.();
    };
  }, [id, client, streamed, connected]);

  if (!launch) return null;
  return (
    <DetailSection title="Terminal" testId="detail-terminal">
      <div className="launch-terminal-bar">
        <span className={`pill launch-phase ${launch.phase}`} data-testid="launch-phase">
          {launch.phase === 'running' ? 'running' : launch.phase === 'exited' ? 'exited' : `failed${launch.exitCode === null ? '' : ` (${launch.exitCode})`}`}
        </span>
        {launch.lastHook ? <span className="faint">last hook: {launch.lastHook}</span> : null}
        <button type="button" className="btn small" onClick={() => void copyText(launch.command, 'launch command')} title="The same command, to run in your own terminal">
          Copy command
        </button>
      </div>
      {streamed ? (
        <div ref={host} className="launch-terminal" data-testid="launch-terminal" aria-label={`Terminal of ${record.name}`} />
      ) : (
        <p className="faint">Terminal streaming is off in this Switchyard (--no-terminal). Open the worktree in your own terminal and run the command above.</p>
      )}
      {problem ? <p className="sessions-open-problem">{problem}</p> : null}
    </DetailSection>
  );
}
