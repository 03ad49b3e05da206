import type { BackupRef } from '../../../../shared/domain/merge';
import type { MergeQueueView } from '../../../../shared/domain/mergeView';
import { undoBlockedReason } from '../../../../shared/domain/undoRule';
import { exactTime } from '../../format/exactTime';

/**
 * Every ref move leaves a backup; each can be undone while the branch is exactly where the move left
 * it. With commits on top (a person's own work), Undo is refused and Revert is offered instead.
 */
export function BackupList({
  view,
  busy,
  onUndo,
  onRevert,
}: {
  view: MergeQueueView;
  busy: boolean;
  onUndo(backup: BackupRef, expectedSha: string | null): void;
  onRevert(backup: BackupRef): void;
}) {
  if (view.backups.length === 0) return <p className="faint">No backups yet: one is written before any branch is moved.</p>;
  const headOf = (branch: string) => (branch === view.base ? view.baseHead : (view.rows.find((r) => r.branch === branch)?.sha ?? null));
  return (
    <ul className="merge-backups" aria-label="Backup refs">
      {view.backups.slice(0, 8).map((b) => {
        const current = headOf(b.branch);
        const same = current === b.oldSha;
        const blocked = same ? null : undoBlockedReason(b.branch, current, b.leftAt);
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
              disabled={busy || same || blocked !== null}
              title={same ? `${b.branch} is already at this commit` : (blocked ?? `Move ${b.branch} back to ${b.oldSha.slice(0, 8)} (its current commit is backed up first)`)}
              onClick={() => onUndo(b, current)}
            >
              Undo
            </button>
            {blocked ? (
              <>
                <button type="button" className="btn small" data-testid="revert" disabled={busy} title={blocked} onClick={() => onRevert(b)}>
                  Revert
                </button>
                <span className="merge-backup-why" data-testid="undo-blocked" role="note">
                  {b.branch} has new commits since this merge, so Undo would reset them away; Revert adds a commit that takes the merge out and keeps them.
                </span>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
