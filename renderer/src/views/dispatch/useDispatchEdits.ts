import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DispatchEvaluation, DispatchRowEdit, DispatchState } from '../../../../shared/domain/planState';
import { useAppStore } from '../../store/appStore';

/** The person's unsaved edits of one plan's dispatch table; they live in the renderer until approved. */
export interface DraftEdits {
  rows: Record<string, DispatchRowEdit>;
  /** Batch → its sessions (as the table names them) in merge order. */
  mergeOrder: Record<number, string[]>;
}

const NONE: DraftEdits = { rows: {}, mergeOrder: {} };

/** All edited batches' orders as one list of session labels (the contract's shape). */
export function mergeOrderList(edits: DraftEdits): string[] | null {
  const batches = Object.keys(edits.mergeOrder).map(Number).sort((a, b) => a - b);
  if (batches.length === 0) return null;
  return batches.flatMap((b) => edits.mergeOrder[b] ?? []);
}

/**
 * Edits per plan path (kept when the person switches plans or the file changes on disk), the
 * evaluation of those edits by core (debounced), and whether the file moved since editing began.
 */
export function useDispatchEdits(state: DispatchState | null) {
  const [all, setAll] = useState<Record<string, DraftEdits>>({});
  const [loadedHash, setLoadedHash] = useState<Record<string, string>>({});
  const [evaluation, setEvaluation] = useState<{ key: string; value: DispatchEvaluation } | null>(null);
  const path = state?.planPath ?? '';
  const edits = all[path] ?? NONE;
  const dirty = Object.keys(edits.rows).length > 0 || Object.keys(edits.mergeOrder).length > 0;
  // Without edits the person sees the file as it is now; with edits, as it was when they began.
  const baseHash = dirty ? (loadedHash[path] ?? state?.contentHash ?? '') : (state?.contentHash ?? '');

  const key = JSON.stringify([path, state?.contentHash ?? '', edits]);
  const seq = useRef(0);
  useEffect(() => {
    if (!state || !dirty) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      const client = useAppStore.getState().client;
      if (!client) return;
      void client.call('dispatch.evaluate', { planPath: path, edits: { rows: edits.rows, mergeOrder: mergeOrderList(edits) } }).then((result) => {
        if (result.ok && mine === seq.current) setEvaluation({ key, value: result.value });
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [key, state, dirty, path, edits]);

  const view: DispatchEvaluation | null = useMemo(() => {
    if (!state) return null;
    if (dirty && evaluation?.key === key) return evaluation.value;
    // While a new evaluation is on its way, the previous one of this plan beats the unedited table.
    if (dirty && evaluation && (JSON.parse(evaluation.key) as unknown[])[0] === path) return evaluation.value;
    return state;
  }, [state, dirty, evaluation, key, path]);

  const contentHash = state?.contentHash ?? '';
  const update = useCallback(
    (fn: (e: DraftEdits) => DraftEdits) => {
      if (!dirty) setLoadedHash((h) => ({ ...h, [path]: contentHash }));
      setAll((a) => ({ ...a, [path]: fn(a[path] ?? NONE) }));
    },
    [path, dirty, contentHash],
  );
  const setRow = useCallback(
    (session: string, patch: DispatchRowEdit) => update((e) => ({ ...e, rows: { ...e.rows, [session]: { ...e.rows[session], ...patch } } })),
    [update],
  );
  const setMerge = useCallback((batch: number, order: string[]) => update((e) => ({ ...e, mergeOrder: { ...e.mergeOrder, [batch]: order } })), [update]);
  const discard = useCallback(() => setAll((a) => ({ ...a, [path]: NONE })), [path]);
  /** The person saw the change on disk and keeps their edits on top of it. */
  const keepEditing = useCallback(() => {
    if (state) setLoadedHash((h) => ({ ...h, [path]: state.contentHash }));
  }, [path, state]);
  /** After an approval the table on disk is the truth again. */
  const settle = useCallback(() => setAll((a) => ({ ...a, [path]: NONE })), [path]);

  return {
    edits,
    dirty,
    view,
    baseHash,
    changedOnDisk: !!state && dirty && baseHash !== state.contentHash,
    setRow,
    setMerge,
    discard,
    keepEditing,
    settle,
  };
}
