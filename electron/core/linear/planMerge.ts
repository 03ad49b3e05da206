import type { LinearConnectionState, LinearIssueSnapshot, LinearPlanState } from '../../../shared/domain/linear';
import type { IssueNode } from './operationResults';

/** Turning poll replies into plan state (pure). */

export function toSnapshot(node: IssueNode): LinearIssueSnapshot {
  return {
    id: node.id,
    identifier: node.identifier,
    title: node.title,
    url: node.url,
    updatedAt: node.updatedAt,
    estimate: node.estimate,
    state: { id: node.state.id, name: node.state.name, type: node.state.type },
    assignee: node.assignee ? { id: node.assignee.id, name: node.assignee.name } : null,
    ...(node.delegate ? { delegate: { id: node.delegate.id, name: node.delegate.name } } : {}),
    labels: node.labels.nodes.map((l) => ({ id: l.id, name: l.name, parent: l.parent ? { id: l.parent.id, name: l.parent.name } : null })),
  };
}

/**
 * Children after a poll. A full refresh replaces the list (so removed/archived children disappear);
 * an incremental poll updates changed children in place and appends new ones.
 */
export function mergeChildren(previous: LinearIssueSnapshot[], fetched: LinearIssueSnapshot[], full: boolean): LinearIssueSnapshot[] {
  if (full) return fetched;
  const byId = new Map(fetched.map((c) => [c.id, c]));
  const merged = previous.map((c) => byId.get(c.id) ?? c);
  const known = new Set(previous.map((c) => c.id));
  for (const c of fetched) if (!known.has(c.id)) merged.push(c);
  return merged;
}

/** The newest `updatedAt` seen (server time), used as the incremental filter's watermark. */
export function latestUpdatedAt(current: string | null, snapshots: LinearIssueSnapshot[]): string | null {
  let best = current ? Date.parse(current) : -Infinity;
  for (const s of snapshots) {
    const t = Date.parse(s.updatedAt);
    if (t > best) best = t;
  }
  return Number.isFinite(best) ? new Date(best).toISOString() : null;
}

export function sameContent(a: LinearPlanState | null, master: LinearIssueSnapshot | null, children: LinearIssueSnapshot[]): boolean {
  if (!a) return false;
  return JSON.stringify(a.master) === JSON.stringify(master) && JSON.stringify(a.children) === JSON.stringify(children);
}

export function emptyPlanState(masterIssueId: string, connection: LinearConnectionState): LinearPlanState {
  return { masterIssueId, master: null, children: [], fetchedAt: null, stale: true, connection };
}
