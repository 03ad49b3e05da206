import type { LinearTestStore, StoreIssue, StoreLabel, StoreState, StoreTeam } from './store';

/** Linear filter semantics for the subset of filter inputs the test server supports. */

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function compound(f: Obj, test: (sub: Obj) => boolean): boolean {
  const and = list(f.and);
  const or = list(f.or);
  if (and.length && !and.every(test)) return false;
  if (or.length && !or.some(test)) return false;
  return true;
}

export function matchString(value: string | null, cmp: unknown): boolean {
  if (!isObj(cmp)) return true;
  if (typeof cmp.eq === 'string' && value !== cmp.eq) return false;
  if (typeof cmp.neq === 'string' && value === cmp.neq) return false;
  if (typeof cmp.eqIgnoreCase === 'string' && value?.toLowerCase() !== cmp.eqIgnoreCase.toLowerCase()) return false;
  if (Array.isArray(cmp.in) && (value === null || !cmp.in.includes(value))) return false;
  if (Array.isArray(cmp.nin) && value !== null && cmp.nin.includes(value)) return false;
  return true;
}

export function matchBool(value: boolean, cmp: unknown): boolean {
  if (!isObj(cmp)) return true;
  if (typeof cmp.eq === 'boolean' && value !== cmp.eq) return false;
  if (typeof cmp.neq === 'boolean' && value === cmp.neq) return false;
  return true;
}

export function matchDate(value: string, cmp: unknown): boolean {
  if (!isObj(cmp)) return true;
  const v = Date.parse(value);
  const at = (x: unknown): number | null => (typeof x === 'string' ? Date.parse(x) : null);
  const eq = at(cmp.eq), gt = at(cmp.gt), gte = at(cmp.gte), lt = at(cmp.lt), lte = at(cmp.lte);
  if (eq !== null && v !== eq) return false;
  if (gt !== null && !(v > gt)) return false;
  if (gte !== null && !(v >= gte)) return false;
  if (lt !== null && !(v < lt)) return false;
  if (lte !== null && !(v <= lte)) return false;
  return true;
}

export function issueMatches(store: LinearTestStore, issue: StoreIssue, f: unknown): boolean {
  if (!isObj(f)) return true;
  if (!compound(f, (sub) => issueMatches(store, issue, sub))) return false;
  if (!matchString(issue.id, f.id)) return false;
  if (!matchString(issue.title, f.title)) return false;
  if (isObj(f.updatedAt) && !matchDate(issue.updatedAt, f.updatedAt)) return false;
  if (isObj(f.parent)) {
    if (f.parent.null === true && issue.parentId !== null) return false;
    if (f.parent.null === false && issue.parentId === null) return false;
    if (isObj(f.parent.id) && !matchString(issue.parentId, f.parent.id)) return false;
  }
  return true;
}

export function teamMatches(team: StoreTeam | undefined, f: unknown): boolean {
  if (!isObj(f)) return true;
  if (f.null === true) return team === undefined;
  if (f.null === false && team === undefined) return false;
  if (!team) return !(isObj(f.id) || isObj(f.key) || isObj(f.name));
  if (!compound(f, (sub) => teamMatches(team, sub))) return false;
  return matchString(team.id, f.id) && matchString(team.key, f.key) && matchString(team.name, f.name);
}

export function labelMatches(store: LinearTestStore, label: StoreLabel, f: unknown): boolean {
  if (!isObj(f)) return true;
  if (!compound(f, (sub) => labelMatches(store, label, sub))) return false;
  if (!matchString(label.id, f.id) || !matchString(label.name, f.name) || !matchBool(label.isGroup, f.isGroup)) return false;
  if (isObj(f.parent)) {
    const parent = label.parentId ? store.labels.get(label.parentId) : undefined;
    if (!parent || !labelMatches(store, parent, f.parent)) return false;
  }
  if (isObj(f.team)) {
    const team = label.teamId ? store.teams.get(label.teamId) : undefined;
    if (!teamMatches(team, f.team)) return false;
  }
  return true;
}

export function stateMatches(store: LinearTestStore, state: StoreState, f: unknown): boolean {
  if (!isObj(f)) return true;
  if (!compound(f, (sub) => stateMatches(store, state, sub))) return false;
  if (!matchString(state.id, f.id) || !matchString(state.name, f.name) || !matchString(state.type, f.type)) return false;
  if (isObj(f.team) && !teamMatches(store.teams.get(state.teamId), f.team)) return false;
  return true;
}
