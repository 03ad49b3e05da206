/** One entry of `git worktree list --porcelain [-z]`. */
export interface WorktreeListEntry {
  path: string;
  head: string | null;
  /** Full ref (`refs/heads/x`) as git printed it; null when detached or bare. */
  branchRef: string | null;
  /** Short branch name (`x`). */
  branch: string | null;
  detached: boolean;
  bare: boolean;
  locked: boolean;
  lockedReason: string | null;
  prunable: boolean;
  prunableReason: string | null;
}

function emptyEntry(path: string): WorktreeListEntry {
  return {
    path,
    head: null,
    branchRef: null,
    branch: null,
    detached: false,
    bare: false,
    locked: false,
    lockedReason: null,
    prunable: false,
    prunableReason: null,
  };
}

function splitField(field: string): [string, string | null] {
  const space = field.indexOf(' ');
  return space < 0 ? [field, null] : [field.slice(0, space), field.slice(space + 1)];
}

/**
 * Parses `git worktree list --porcelain` output, with or without `-z`. Entries are separated by an
 * empty field; unknown attributes are skipped so newer git versions do not break the parser.
 * The first entry is the main worktree (or the bare repository).
 */
export function parseWorktreeList(porcelain: string): WorktreeListEntry[] {
  const fields = porcelain.includes('\0') ? porcelain.split('\0') : porcelain.split(/\r?\n/);
  const entries: WorktreeListEntry[] = [];
  let current: WorktreeListEntry | null = null;
  for (const field of fields) {
    if (field === '') {
      current = null;
      continue;
    }
    const [key, value] = splitField(field);
    if (key === 'worktree') {
      current = emptyEntry(value ?? '');
      entries.push(current);
      continue;
    }
    if (!current) continue;
    switch (key) {
      case 'HEAD':
        current.head = value && /^[0-9a-f]+$/i.test(value) && !/^0+$/.test(value) ? value : null;
        break;
      case 'branch':
        current.branchRef = value;
        current.branch = value ? value.replace(/^refs\/heads\//, '') : null;
        break;
      case 'detached':
        current.detached = true;
        break;
      case 'bare':
        current.bare = true;
        break;
      case 'locked':
        current.locked = true;
        current.lockedReason = value;
        break;
      case 'prunable':
        current.prunable = true;
        current.prunableReason = value;
        break;
      default:
        break;
    }
  }
  return entries.filter((e) => e.path !== '');
}
