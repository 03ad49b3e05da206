import type { BackupRef } from '../../../../shared/domain/merge';
import type { MergeQueueView } from '../../../../shared/domain/mergeView';
import { exactTime } from '../../format/exactTime';

/** Every ref move leaves a backup; each can be undone (only if the branch is still where this view shows it). */
export function BackupList({ view, busy, onUndo }: { view: MergeQueueView; busy: boolean; onUndo(backup: BackupRef, expectedSha: string | null): void }) {
  if (view.backups.length === 0) return <p className="faint">No backups yet: one is written before any branch is moved.</p>;
  const headOf = (branch: string) => (branch === view.base ? view.baseHead : (view.rows.find((r) => r.branch === branch)?.sha ?? null));
  return (
    <ul className="merge-backups" aria-label="Backup refs">
      {view.backups.slice(0, 8).map((b) => {
        const current = headOf(b.branch);
        const same = current === b.oldSha;
        return (
          <li key={b.ref} data-testid="backup-ref">
            <span className="merge-backup-branch">{b.branch}</span>
            <code title={b.ref}>{b.oldSha.slice(0, 8)}</code>
            <span className="dim merge-backup-reason" title={b.reason}>{b.reason || 'backup'}</span>
            <time className="faint" dateTime={b.createdAt} title={exactTime(b.createdAt)}>
              {exactTime(b.createdAt).slice(11, 16)}
            </time>
            <button
              type="button"
              className="btn small"
              data-testid="undo"
              disabled={busy || same}
              title={same ? `${b.branch} is already at this commit` : `Move ${b.branch} back to ${b.oldSha.slice(0, 8)} (its current commit is backed up first)`}
              onClick={() => onUndo(b, current)}
            >
              Undo
            </button>
          </li>
        );
      })}
    </ul>
  );
}
