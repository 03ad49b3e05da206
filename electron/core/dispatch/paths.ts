/**
 * Path and glob arithmetic for the "same files or directories?" step of the decision tree.
 * Paths are repo-relative strings; a plain path also stands for everything under it (a directory),
 * globs support `*`, `?`, `**`, `[...]` and `{a,b}`. Everything is pure string work (no fs).
 */

const GLOB_CHARS = /[*?[\]{}]/;

/** `./src\\x//y/` → `src/x/y`. */
export function normalizePath(raw: string): string {
  let p = raw.trim().replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  if (p.startsWith('/')) p = p.slice(1);
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  if (p === '.') return '';
  return p;
}

export function isGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

const MAX_BRACE_EXPANSION = 64;

/** `src/{a,b}/*.ts` → [`src/a/*.ts`, `src/b/*.ts`]; unbalanced braces are left as literals. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (ch === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k += 1) {
    const start = bounds[k];
    const end = bounds[k + 1];
    if (start === undefined || end === undefined) continue;
    for (const e of expandBraces(head + pattern.slice(start + 1, end) + tail)) {
      if (out.length >= MAX_BRACE_EXPANSION) return out;
      out.push(e);
    }
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+^$(){}|\\/]/g, '\\$&');
}

/** Regex source for one path segment pattern (no `/`, no braces). */
function segmentSource(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i += 1) {
    const ch = seg[i] ?? '';
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
      } else {
        let body = seg.slice(i + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (ch === ']') out += '\\]';
    else out += escapeRegExp(ch);
  }
  return out;
}

/**
 * Compiles one glob to a RegExp over normalized paths. A pattern without `/` matches a basename at
 * any depth (gitignore style: `*.sql`, `Dockerfile`). A trailing `/**` also matches the directory
 * itself.
 */
export function globToRegExp(pattern: string): RegExp {
  const alternatives = expandBraces(normalizePath(pattern)).map((p) => {
    const anywhere = !p.includes('/');
    const segs = p.split('/');
    let src = '';
    segs.forEach((seg, idx) => {
      const last = idx === segs.length - 1;
      if (seg === '**') {
        if (last) src = src === '' ? '.*' : src.endsWith('/') ? `${src.slice(0, -1)}(?:/.*)?` : `${src}.*`;
        else src += '(?:[^/]+/)*';
      } else {
        src += segmentSource(seg) + (last ? '' : '/');
      }
    });
    return anywhere ? `(?:.*/)?${src}` : src;
  });
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

const compiled = new Map<string, RegExp>();
const COMPILED_CACHE_LIMIT = 2000;

export function globMatches(pattern: string, path: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = globToRegExp(pattern);
    if (compiled.size >= COMPILED_CACHE_LIMIT) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(normalizePath(path));
}

/** Literal text before the first / after the last wildcard in one segment pattern. */
function segmentBounds(seg: string): { prefix: string; suffix: string } {
  const first = seg.search(/[*?[]/);
  let lastEnd = -1;
  for (let i = 0; i < seg.length; i += 1) {
    const ch = seg[i];
    if (ch === '*' || ch === '?') lastEnd = i + 1;
    else if (ch === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end >= 0) {
        lastEnd = end + 1;
        i = end;
      }
    }
  }
  return { prefix: seg.slice(0, first), suffix: seg.slice(lastEnd) };
}

const segmentCache = new Map<string, RegExp>();

function segmentRegExp(seg: string): RegExp {
  let re = segmentCache.get(seg);
  if (!re) {
    re = new RegExp(`^${segmentSource(seg)}$`);
    if (segmentCache.size >= COMPILED_CACHE_LIMIT) segmentCache.clear();
    segmentCache.set(seg, re);
  }
  return re;
}

/** Could two single-segment patterns name a common segment? Exact for literals, safe otherwise. */
function segmentsIntersect(x: string, y: string): boolean {
  const gx = isGlob(x);
  const gy = isGlob(y);
  if (!gx && !gy) return x === y;
  if (!gx) return segmentRegExp(y).test(x);
  if (!gy) return segmentRegExp(x).test(y);
  const bx = segmentBounds(x);
  const by = segmentBounds(y);
  const prefixOk = bx.prefix.startsWith(by.prefix) || by.prefix.startsWith(bx.prefix);
  const suffixOk = bx.suffix.endsWith(by.suffix) || by.suffix.endsWith(bx.suffix);
  return prefixOk && suffixOk;
}

/** Do two brace-free, slash-anchored patterns (as segment lists) match a common path? */
function segmentListsIntersect(a: readonly string[], b: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const width = b.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    const x = a[i];
    const y = b[j];
    if (x === undefined && y === undefined) result = true;
    else if (x === '**') result = go(i + 1, j) || (y !== undefined && go(i, j + 1));
    else if (y === '**') result = go(i, j + 1) || (x !== undefined && go(i + 1, j));
    else if (x === undefined || y === undefined) result = false;
    else result = segmentsIntersect(x, y) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** `src/x.ts`, `.eslintrc.json` look like files; `src/core`, `.github` may be directories. */
function looksLikeFile(path: string): boolean {
  const last = path.split('/').pop() ?? '';
  return /^.+\.[^.]+$/.test(last);
}

/**
 * The patterns a path entry stands for: a plain path is itself and, unless its name looks like a
 * file (`name.ext`), everything below it.
 */
const segmentPatternCache = new Map<string, string[][]>();

function asSegmentPatterns(entry: string): string[][] {
  const hit = segmentPatternCache.get(entry);
  if (hit) return hit;
  const out = computeSegmentPatterns(entry);
  if (segmentPatternCache.size >= COMPILED_CACHE_LIMIT) segmentPatternCache.clear();
  segmentPatternCache.set(entry, out);
  return out;
}

function computeSegmentPatterns(entry: string): string[][] {
  const out: string[][] = [];
  for (const expanded of expandBraces(normalizePath(entry))) {
    const anchored = expanded.includes('/') || !isGlob(expanded) ? expanded : `**/${expanded}`;
    const segs = anchored === '' ? ['**'] : anchored.split('/');
    out.push(segs);
    if (!isGlob(anchored) && !looksLikeFile(anchored)) out.push([...segs, '**']);
  }
  return out;
}

/**
 * True when two path entries can name a common file: equal paths, one a directory prefix of the
 * other, or globs that can match a common path. Errs on the side of "overlap" for exotic globs.
 */
export function pathsOverlap(p: string, q: string): boolean {
  const pa = asSegmentPatterns(p);
  const qa = asSegmentPatterns(q);
  return pa.some((x) => qa.some((y) => segmentListsIntersect(x, y)));
}

/** The more specific of two overlapping entries, for messages: a literal beats a glob, deeper beats shallower. */
export function overlapLabel(p: string, q: string): string {
  const np = normalizePath(p);
  const nq = normalizePath(q);
  if (np === nq) return np;
  const gp = isGlob(np);
  const gq = isGlob(nq);
  if (gp !== gq) return gp ? nq : np;
  if (!gp) return np.length >= nq.length ? np : nq;
  return `${np} ∩ ${nq}`;
}

/** Every overlapping pair between two lists, as labels (deduplicated, sorted). */
export function overlappingPaths(xs: readonly string[], ys: readonly string[]): string[] {
  const labels = new Set<string>();
  for (const x of xs) {
    if (normalizePath(x) === '') continue;
    for (const y of ys) {
      if (normalizePath(y) === '') continue;
      if (pathsOverlap(x, y)) labels.add(overlapLabel(x, y));
    }
  }
  return [...labels].sort();
}
