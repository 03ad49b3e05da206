import { agentInfo } from './agents';

const MAX_SLUG = 40;

/** `Dispatch rules (v2)!` → `dispatch-rules-v2`: lowercase ASCII words joined by `-`. */
export function slugify(text: string, maxLength: number = MAX_SLUG): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, '');
}

/** The `{agent}` part of a branch: the agent's known prefix, else its slug. */
export function agentBranchPrefix(agent: string | null): string {
  const info = agentInfo(agent);
  return info.branchPrefix ?? (slugify(info.label) || 'agent');
}

/**
 * `{agent}/{issue-id}-{slug}`, lowercase: branchName('Claude Code', 'CIA-387', 'Dispatch rules')
 * → `claude/cia-387-dispatch-rules`. `agent` may also be a ready prefix such as `claude`.
 */
export function branchName(agent: string | null, issueId: string, slug: string): string {
  const prefix = agentBranchPrefix(agent);
  const id = slugify(issueId, 64);
  const s = slugify(slug);
  return `${prefix}/${[id, s].filter((x) => x !== '').join('-')}`;
}

/** Does `branch` follow `{prefix}/{issue-id}-{slug}` (slug optional when `slugOptional`)? */
export function followsBranchConvention(branch: string, prefix: string, issueId: string, slugOptional = false): boolean {
  const id = slugify(issueId, 64);
  if (id === '') return false;
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`^${esc(prefix)}/${esc(id)}(-[a-z0-9]+(?:-[a-z0-9]+)*)${slugOptional ? '?' : ''}$`);
  return re.test(branch);
}

/** `main`, `master`, `(direct main)`: the base a direct-main session works on, not a session's own branch. */
export function isBaseBranch(branch: string): boolean {
  return /^(?:main|master|trunk|develop|\(direct main\)|direct main)$/i.test(branch.replace(/`/g, '').trim());
}
