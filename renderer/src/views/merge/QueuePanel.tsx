import { useState } from 'react';
import type { MergeStrategy } from '../../../../shared/domain/merge';
import type { MergeQueueView } from '../../../../shared/domain/mergeView';
import { DiffReview } from '../review/DiffReview';
import { BackupList } from './BackupList';
import { ConflictGrid } from './ConflictGrid';
import { pushToast } from '../sessions/pushToast';
import { mergeCall } from './mergeCalls';
import { OverrideForm } from './OverrideForm';
import { PullMergeRefusal, type Refusal } from './PullMergeRefusal';
import { QueueTable } from './QueueTable';
import { usePulls } from './usePulls';
import { FlagCrossSessionForm, FlagSemanticForm, HoldBanner, PostSessionReviewForm } from './SemanticForms';
import { callAndToast } from '../../components/callAndToast';
import { GITHUB_METHOD_WORDS, STRATEGY_WORDS } from './verdictWords';

type Form = { kind: 'override'; branch: string } | { kind: 'semantic' } | { kind: 'cross'; branches: [string, string]; files: string[] } | { kind: 'post-review'; branch: string } | null;

/** One merge queue (plan × repo × base): the order, the Merge button, and everything that explains it. */
export function QueuePanel({ view }: { view: MergeQueueView }) {
  const [pending, setPending] = useState(false);
  const [form, setForm] = useState<Form>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const setStrategy = (strategy: MergeStrategy) =>
    act(async () => {
      if (await mergeCall('merge.setStrategy', { queueId: view.id, strategy }, () => `Strategy: ${STRATEGY_WORDS[strategy]}`)) setRefusal(null);
    });
  const busy = pending || view.busy;
  const pulls = usePulls(view.id, [view.baseHead, ...view.rows.map((r) => r.sha)].join('|'));
  const head = view.rows.find((r) => r.verdict.kind !== 'merged' && r.verdict.kind !== 'missing' && r.verdict.kind !== 'not-started');
  const crossHeld = head ? view.holds.find((h) => h.kind === 'cross-session' && h.branches.includes(head.branch)) : undefined;
  const why = view.holds.some((h) => h.kind !== 'cross-session')
    ? 'The queue is held by a semantic conflict.'
    : crossHeld
      ? `${head?.branch ?? ''} is held by a cross-session conflict with ${crossHeld.branches.filter((b) => b !== head?.branch).join(', ')}: record the resolution first.`
      : head ? `${head.branch}: ${head.verdict.reason}` : 'Everything in this queue is merged.';

  const act = async (fn: () => Promise<unknown>) => {
    setPending(true);
    try {
      await fn();
    } finally {
      setPending(false);
    }
  };
  const merged = (v: { branch: string; message: string }) => `Merged ${v.branch}`;

  return (
    <section className="merge-panel" data-testid="merge-queue" aria-label={`${view.planTitle} into ${view.base}`}>
      <header className="merge-panel-head">
        <div>
          <h2>{view.planTitle}</h2>
          <div className="faint merge-sub">
            {view.masterIssueId ? `${view.masterIssueId} · ` : ''}into <code>{view.base}</code> of <span title={view.repoDir}>{view.repoDir.replace(/^.*[\\/]/, '')}</span> ·{' '}
            <span data-testid="merge-order-note" className={view.unmatchedOrderTokens.length > 0 ? 'merge-order-warn' : undefined}>
              {view.orderNote || (view.orderDeclared ? 'order declared in the plan' : 'no merge order declared in the plan: batch and plan order')}
            </span>
          </div>
        </div>
        <div className="merge-panel-tools">
          <label className="merge-strategy">
            Strategy
            <select
              aria-label="Strategy"
              value={view.strategy}
              disabled={busy}
              onChange={(e) => void setStrategy(e.target.value as MergeStrategy)}
            >
              {(Object.keys(STRATEGY_WORDS) as MergeStrategy[]).map((s) => (
                <option key={s} value={s}>
                  {STRATEGY_WORDS[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn small" disabled={busy} onClick={() =>
              void act(async () => {
                await mergeCall('merge.refresh', { queueId: view.id });
                pulls.reload();
              })
            }>
            Refresh
          </button>
          <button type="button" className="btn small" disabled={busy || view.order.length < 2} onClick={() => setForm({ kind: 'semantic' })}>
            Flag semantic conflict…
          </button>
          {pulls.available ? (
            <button
              type="button"
              className="btn"
              data-testid="merge-pull"
              disabled={busy}
              title="Merge the next pull request in order through GitHub, when its checks and reviews allow it"
              onClick={() =>
                void act(async () => {
                  const outcome = await mergeCall('github.mergePull', { queueId: view.id });
                  if (outcome) pushToast(outcome.ok ? 'success' : 'error', outcome.ok ? 'Merged on GitHub' : 'Not merged', outcome.message);
                  setRefusal(outcome && !outcome.ok && outcome.allowedMethods ? { message: outcome.message, allowed: outcome.allowedMethods } : null);
                  pulls.reload();
                })
              }
            >
              Merge next PR
            </button>
          ) : null}
          <button
            type="button"
            className="btn primary"
            data-testid="merge-next"
            disabled={busy || view.next === null}
            title={view.next ? `Merge ${view.next} into ${view.base} (${STRATEGY_WORDS[view.strategy]})` : why}
            onClick={() => void act(() => mergeCall('merge.mergeNext', { queueId: view.id }, merged))}
          >
            {busy ? 'Working…' : view.next ? `Merge ${view.next}` : 'Merge next'}
          </button>
        </div>
      </header>

      {view.holds.map((h) => (
        <HoldBanner key={h.id} hold={h} busy={busy} onResolve={(decision) => void act(() => mergeCall('merge.resolveSemanticConflict', { queueId: view.id, holdId: h.id, decision }, () => (h.kind === 'cross-session' ? 'Both merges released' : 'Queue released')))} />
      ))}
      {view.error ? <div className="banner merge-error">{view.error}</div> : null}
      {!refusal && pulls.available && pulls.allowedMethods && !pulls.allowedMethods.includes(view.strategy) ? (
        <div className="merge-last bad" data-testid="strategy-not-allowed" role="status">
          This repository does not allow {GITHUB_METHOD_WORDS[view.strategy]} on GitHub: Merge next PR would be refused.
          <div className="merge-refusal-actions">
            {pulls.allowedMethods.map((m) => (
              <button key={m} type="button" className="btn small" disabled={busy} onClick={() => void setStrategy(m)}>
                Use {STRATEGY_WORDS[m]}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {refusal ? <PullMergeRefusal refusal={refusal} busy={busy} onUse={(m) => void setStrategy(m)} onDismiss={() => setRefusal(null)} /> : null}
      {view.lastAction ? (
        <div className={`merge-last ${view.lastAction.ok ? 'ok' : 'bad'}`} data-testid="merge-last-action" role="status">
          {view.lastAction.message}
          {view.lastAction.conflictFiles.length > 0 ? <div>Conflicting files: {view.lastAction.conflictFiles.join(', ')}</div> : null}
        </div>
      ) : null}

      <QueueTable
        view={view}
        busy={busy}
        pulls={pulls.available ? pulls.byBranch : null}
        actions={{
          outOfOrder: (branch) => setForm({ kind: 'override', branch }),
          review: (branch) => setReviewing(branch),
          recordReview: (branch) => setForm({ kind: 'post-review', branch }),
          openPull: (branch) => void act(async () => {
            await mergeCall('github.openPull', { queueId: view.id, branch }, (r) => (r.created ? `Opened #${r.number}` : `#${r.number} is already open`));
            pulls.reload();
          }),
          markReady: (branch) => void act(async () => {
            await mergeCall('github.markReady', { queueId: view.id, branch }, (r) => r.message);
            pulls.reload();
          }),
          rebase: (branch) => void act(() => mergeCall('merge.rebase', { queueId: view.id, branch }, (r) => (r.ok ? `Rebased ${branch}` : null))),
          remove: (branch) => {
            if (window.confirm(`Remove the worktree of ${branch} and delete the branch? (A backup ref keeps its commits; refused if anything is uncommitted or unmerged.)`)) {
              void act(() => mergeCall('merge.removeWorktree', { queueId: view.id, branch }, (r) => r.message));
            }
          },
        }}
      />
      {reviewing ? <DiffReview subject={{ queueId: view.id, branch: reviewing }} title={`${reviewing} into ${view.base}`} onClose={() => setReviewing(null)} /> : null}
      {!pulls.available && pulls.problem ? (
        <p className="faint merge-sub" data-testid="github-problem">
          GitHub: {pulls.problem}
        </p>
      ) : null}
      {!view.next && head ? <p className="faint merge-why">Nothing to merge now — {why}</p> : null}

      {form?.kind === 'override' ? (
        <OverrideForm
          branch={form.branch}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={(reason) =>
            void act(async () => {
              if (await mergeCall('merge.mergeOutOfOrder', { queueId: view.id, branch: form.branch, reason }, merged)) setForm(null);
            })
          }
        />
      ) : null}
      {form?.kind === 'semantic' ? (
        <FlagSemanticForm
          view={view}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={(branches, note) =>
            void act(async () => {
              if (await mergeCall('merge.flagSemanticConflict', { queueId: view.id, branches, note }, () => 'Queue held')) setForm(null);
            })
          }
        />
      ) : null}
      {form?.kind === 'post-review' ? (
        <PostSessionReviewForm
          branch={form.branch}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={(note) =>
            void act(async () => {
              const row = view.rows.find((r) => r.branch === form.branch);
              const session = row?.label ?? row?.phase ?? row?.issueId ?? form.branch;
              if (await callAndToast('plans.recordReview', { planPath: view.planPath, timing: 'post-session', outcome: 'passed', session, note }, `Post-session review of ${session} recorded`)) setForm(null);
            })
          }
        />
      ) : null}
      {form?.kind === 'cross' ? (
        <FlagCrossSessionForm
          branches={form.branches}
          files={form.files}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={(note) =>
            void act(async () => {
              if (await mergeCall('merge.flagCrossSessionConflict', { queueId: view.id, branches: form.branches, note }, () => 'Both merges held; flagged on the master issue')) setForm(null);
            })
          }
        />
      ) : null}

      <div className="merge-columns">
        <div>
          <h3>Conflict matrix</h3>
          <ConflictGrid
            view={view}
            onFlagCross={(a, b) => setForm({ kind: 'cross', branches: [a, b], files: view.matrix?.cells.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a))?.files ?? [] })}
          />
          {view.suggested ? (
            <div className="merge-suggested" data-testid="suggested-order">
              <h3>Suggested order</h3>
              <div>{view.suggested.order.map((b) => view.rows.find((r) => r.branch === b)?.label ?? view.rows.find((r) => r.branch === b)?.phase ?? b).join(' → ')}</div>
              <div className="faint merge-sub">{view.suggested.reason}</div>
              {view.suggested.changed ? (
                <button type="button" className="btn small" disabled={busy} onClick={() => void act(() => mergeCall('merge.setOrder', { queueId: view.id, order: view.suggested?.order ?? [] }, () => 'Order changed'))}>
                  Use this order
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
        <div>
          <h3>Backups</h3>
          <BackupList
            view={view}
            busy={busy}
            onUndo={(b, expectedSha) => void act(() => mergeCall('merge.undo', { backupRef: b.ref, expectedSha }, (r) => `Undone: ${r.branch} is back at ${r.restoredSha?.slice(0, 8) ?? '?'}`))}
            onRevert={(b) => void act(() => mergeCall('merge.revert', { backupRef: b.ref }, (r) => `Reverted: new commit ${r.revertSha?.slice(0, 8) ?? '?'} on ${r.branch} takes the merge out; later commits kept`))}
          />
        </div>
      </div>
    </section>
  );
}
