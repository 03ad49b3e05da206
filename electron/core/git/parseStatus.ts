/** One path of `git status --porcelain=v2 -z`. */
export interface StatusEntry {
  kind: 'changed' | 'renamed' | 'unmerged' | 'untracked' | 'ignored';
  /** Two-letter XY code (`.M`, `A.`, `UU`, `??`, `!!`). */
  xy: string;
  path: string;
  /** For renames and copies: the path it came from. */
  origPath: string | null;
}

export interface ParsedStatus {
  /** `# branch.oid`; null for `(initial)` or when absent. */
  oid: string | null;
  /** `# branch.head`; null for `(detached)` or when absent. */
  head: string | null;
  upstream: string | null;
  ahead: number | null;
  behind: number | null;
  entries: StatusEntry[];
  /** Fields the parser did not understand (kept for diagnostics, never fatal). */
  unknown: number;
}

/** Splits off the first `n` space-separated fields; the rest (a path, which may contain spaces) stays whole. */
function fieldsThenRest(line: string, n: number): { fields: string[]; rest: string } | null {
  const fields: string[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const space = line.indexOf(' ', at);
    if (space < 0) return null;
    fields.push(line.slice(at, space));
    at = space + 1;
  }
  return { fields, rest: line.slice(at) };
}

/**
 * Parses `git status --porcelain=v2 -z [--branch]`. Records are NUL-terminated; a rename/copy record
 * (`2 …`) is followed by one extra NUL-terminated field holding the original path.
 */
export function parseStatusV2(output: string): ParsedStatus {
  const result: ParsedStatus = {
    oid: null,
    head: null,
    upstream: null,
    ahead: null,
    behind: null,
    entries: [],
    unknown: 0,
  };
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] ?? '';
    if (rec === '') continue;
    const tag = rec[0];
    if (tag === '#') {
      const m = /^# (\S+) ?(.*)$/.exec(rec);
      if (!m) {
        result.unknown++;
        continue;
      }
      const [, key, value = ''] = m;
      if (key === 'branch.oid') result.oid = value === '(initial)' ? null : value;
      else if (key === 'branch.head') result.head = value === '(detached)' ? null : value;
      else if (key === 'branch.upstream') result.upstream = value;
      else if (key === 'branch.ab') {
        const ab = /^\+(\d+) -(\d+)$/.exec(value);
        if (ab) {
          result.ahead = Number(ab[1]);
          result.behind = Number(ab[2]);
        }
      }
      continue;
    }
    if (tag === '1') {
      const p = fieldsThenRest(rec, 8);
      if (!p) {
        result.unknown++;
        continue;
      }
      result.entries.push({ kind: 'changed', xy: p.fields[1] ?? '', path: p.rest, origPath: null });
    } else if (tag === '2') {
      const p = fieldsThenRest(rec, 9);
      if (!p) {
        result.unknown++;
        continue;
      }
      const orig = records[i + 1] ?? null;
      i++;
      result.entries.push({ kind: 'renamed', xy: p.fields[1] ?? '', path: p.rest, origPath: orig });
    } else if (tag === 'u') {
      const p = fieldsThenRest(rec, 10);
      if (!p) {
        result.unknown++;
        continue;
      }
      result.entries.push({ kind: 'unmerged', xy: p.fields[1] ?? '', path: p.rest, origPath: null });
    } else if (tag === '?' && rec.startsWith('? ')) {
      result.entries.push({ kind: 'untracked', xy: '??', path: rec.slice(2), origPath: null });
    } else if (tag === '!' && rec.startsWith('! ')) {
      result.entries.push({ kind: 'ignored', xy: '!!', path: rec.slice(2), origPath: null });
    } else {
      result.unknown++;
    }
  }
  return result;
}

/** Every path an uncommitted change touches (both sides of a rename), ignored files excluded, sorted. */
export function uncommittedPaths(status: ParsedStatus): string[] {
  const out = new Set<string>();
  for (const e of status.entries) {
    if (e.kind === 'ignored') continue;
    out.add(e.path);
    if (e.origPath) out.add(e.origPath);
  }
  return [...out].sort();
}
