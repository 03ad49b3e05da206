import { useEffect, useMemo, useState } from 'react';
import type { ApprovalResult, DispatchState } from '../../../shared/domain/planState';
import { violationConcernsBatch } from '../../../shared/domain/violationScope';
import { callAndToast } from '../components/callAndToast';
import { useAppStore } from '../store/appStore';
import { ApprovalResultPanel } from './dispatch/ApprovalResultPanel';
import { BatchLane } from './dispatch/BatchLane';
import { DependencyGraph } from './dispatch/DependencyGraph';
import { ReviewFindingsPanel } from './findings/ReviewFindingsPanel';
import { PairDecisions } from './dispatch/PairDecisions';
import { SubIssueProgress } from './linear/SubIssueProgress';
import { FollowUpOffer } from './dispatch/FollowUpOffer';
import { SufficiencyChecklist } from './dispatch/SufficiencyChecklist';
import { mergeOrderList, useDispatchEdits } from './dispatch/useDispatchEdits';
import { ViolationList } from './dispatch/ViolationList';
import { ReviewGatePanel } from './dispatch/ReviewGatePanel';
import { pushToast } from './sessions/pushToast';
import { ViewHeader } from './ViewHeader';

/** The approval flow: pick a plan, review and edit its dispatch table batch by batch, approve or reject. */
export function DispatchView() {
  const dispatch = useAppStore((s) => s.state?.dispatch);
  const linearPlans = useAppStore((s) => s.state?.linearPlans);
  const plans = useMemo(() => Object.values(dispatch ?? {}).sort((a, b) => firstDraft(b) - firstDraft(a) || a.planPath.localeCompare(b.planPath)), [dispatch]);
  const [path, setPath] = useState<string | null>(null);
  const state: DispatchState | null = (path ? dispatch?.[path] : undefined) ?? plans[0] ?? null;
  const d = useDispatchEdits(state);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<Record<string, ApprovalResult>>({});
  const [conflict, setConflict] = useState<string | null>(null);

  useEffect(() => setSelected(null), [state?.planPath]);
  // Pin the plan on screen: approving a batch re-sorts the list, the person's view must not jump.
  const shownPath = state?.planPath ?? null;
  useEffect(() => {
    if (path === null && shownPath !== null) setPath(shownPath);
  }, [path, shownPath]);

  if (!state || !d.view) {
    return (
      <>
        <ViewHeader title="Dispatch" />
        <div className="view-body">
          <div className="empty">
            <h2>No master plan with phases</h2>
            <p>Dispatch reads a plan's Phase Map. Put a master plan in the Claude home's plans/ folder (or a repo's docs/plans), or open the demo workspace to see how it works.</p>
          </div>
        </div>
      </>
    );
  }
  const view = d.view;
  const global = view.violations.filter((v) => v.where.batch === undefined && !state.batches.some((b) => violationConcernsBatch(v, b.index, view.rows)));
  const flagged = new Set(view.violations.filter((v) => v.severity === 'error').flatMap((v) => v.where.phases ?? []));
  const labels = Object.fromEntries(view.rows.map((r) => [r.phase, r.focus]));
  const result = results[state.planPath];

  const approve = async (batch: number, overrideReason: string | null) => {
    setBusy(true);
    try {
      const client = useAppStore.getState().client;
      if (!client) return;
      const res = await client.call('dispatch.approve', { planPath: state.planPath, expectedHash: d.baseHash, batch, edits: { rows: d.edits.rows, mergeOrder: mergeOrderList(d.edits) }, overrideReason });
      if (res.ok) {
        setResults((r) => ({ ...r, [state.planPath]: res.value }));
        setConflict(null);
        d.settle();
      } else if (res.error.code === 'conflict') {
        setConflict(res.error.message);
      } else {
        pushToast('error', 'Not approved', res.error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ViewHeader
        title="Dispatch"
        sub={
          <select className="dispatch-plan-picker" aria-label="Plan" value={state.planPath} onChange={(e) => setPath(e.target.value)}>
            {plans.map((p) => (
              <option key={p.planPath} value={p.planPath}>
                {p.planPath.replace(/^.*[\\/]/, '')}
                {p.masterIssue ? ` — ${p.masterIssue.id}` : ''}
              </option>
            ))}
          </select>
        }
        actions={d.dirty ? <span className="pill dispatch-unsaved">unsaved edits</span> : null}
      />
      <div className="view-body dispatch-body">
        {d.changedOnDisk || conflict ? (
          <div className="banner dispatch-changed" role="alert" data-testid="changed-on-disk">
            <strong>The plan changed on disk</strong> — reload it (your table edits are dropped) or keep editing (they stay, on top of the new file).
            {conflict ? <div className="dim">{conflict}</div> : null}
            <span className="dispatch-banner-actions">
              <button type="button" className="btn small" onClick={() => { d.discard(); setConflict(null); }}>
                Reload
              </button>
              <button type="button" className="btn small" onClick={() => { d.keepEditing(); setConflict(null); }}>
                Keep editing
              </button>
            </span>
          </div>
        ) : null}
        {state.problems.length > 0 ? (
          <div className="banner">
            {state.problems.map((p, i) => (
              <div key={i}>{p}</div>
            ))}
          </div>
        ) : null}
        <div className="dispatch-overview">
          <div className="dispatch-graph-wrap">
            <DependencyGraph batches={state.batches} states={state.batchStates} decisions={state.decisions} flagged={flagged} labels={labels} selected={selected} onSelect={setSelected} />
            <div className="faint dispatch-legend">
              <span className="dispatch-key seq" /> SEQUENTIAL (arrow: runs first → waits) <span className="dispatch-key branch" /> parallel with branch strategy · click a phase for its pair decisions
            </div>
          </div>
          {selected ? <PairDecisions phase={selected} decisions={state.decisions} onClose={() => setSelected(null)} /> : null}
        </div>
        <ReviewGatePanel key={`${state.planPath}#review`} planPath={state.planPath} review={state.review} />
        <ViolationList violations={global} />
        {result ? <ApprovalResultPanel result={result} progress={<SubIssueProgress planPath={state.planPath} titles={Object.fromEntries(view.rows.map((r) => [r.session, r.focus || r.phase]))} />} /> : null}
        {state.batches.map((b) => {
          const rows = view.rows.filter((r) => r.batch === b.index);
          const bState = state.batchStates.find((s) => s.index === b.index) ?? { index: b.index, state: 'draft' as const, note: null };
          return (
            <BatchLane
              key={`${state.planPath}#${b.index}`}
              planPath={state.planPath}
              batch={b}
              state={bState}
              rows={rows}
              violations={view.violations.filter((v) => violationConcernsBatch(v, b.index, view.rows))}
              busy={busy}
              onEdit={d.setRow}
              onMerge={(order) => d.setMerge(b.index, order)}
              mergeRecord={state.mergeOrderRecord}
              mergeEdited={d.edits.mergeOrder[b.index] !== undefined}
              onApprove={(reason) => void approve(b.index, reason)}
              review={state.review?.batches.find((r) => r.batch === b.index)}
              onReject={(reason) => void callAndToast('dispatch.reject', { planPath: state.planPath, batch: b.index, reason }, `Batch ${b.index} rejected`)}
              gateActions={state.research && state.research.synthesis.some((s) => b.phases.includes(s.phase)) ? <FollowUpOffer planPath={state.planPath} research={state.research} /> : null}
            />
          );
        })}
        {state.research ? <SufficiencyChecklist key={state.contentHash} planPath={state.planPath} research={state.research} /> : null}
        {state.masterIssue ? (
          <ReviewFindingsPanel key={state.masterIssue.id} master={{ identifier: state.masterIssue.id, title: state.masterIssue.title }} subIssues={linearPlans?.[state.masterIssue.id]?.children ?? []} />
        ) : null}
      </div>
    </>
  );
}

/** Plans with a batch waiting for approval come first. */
function firstDraft(s: DispatchState): number {
  return s.batchStates.some((b) => b.state === 'draft') ? 1 : 0;
}
