import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { DiffFile } from '../../../../shared/domain/review';
import { rowOffsets, visibleRows } from '../sessions/rowWindow';
import { diffRows, ROW_HEIGHT, type DiffLayout } from './diffRows';
import { DiffRowView } from './DiffRowView';
import { languageOf } from './highlight';

/** Rows kept in the page above and below the view, in px: fast scrolling never shows blank space. */
const OVERSCAN_PX = 300;
/** Width of the gutters in `ch`: line numbers and the +/− sign. */
const GUTTER_CH = { unified: 16, split: 9 };

export interface JumpRequest {
  file: number;
  /** Bumped on every request, so jumping to the same file twice scrolls twice. */
  seq: number;
}

/**
 * The diff of every file as one virtualised scroll: all rows have known heights, so the offsets
 * are prefix sums and only the rows in view (plus a margin) are in the DOM.
 */
export function DiffBody(props: { files: readonly DiffFile[]; layout: DiffLayout; jump: JumpRequest | null; onCurrentFile(file: number): void }) {
  const { files, layout, jump, onCurrentFile } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [viewport, setViewport] = useState({ top: 0, height: 800, width: 1000 });
  // The first frame paints plain text; colours follow on the next one (highlighting is the
  // costliest part of a row, and a review should open at once).
  const [coloured, setColoured] = useState(false);
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setColoured(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  const rows = useMemo(() => diffRows(files, layout, collapsed), [files, layout, collapsed]);
  const offsets = useMemo(() => rowOffsets(rows.map((r) => ROW_HEIGHT[r.kind])), [rows]);
  const languages = useMemo(() => files.map((f) => languageOf(f.path)), [files]);
  const widestLine = useMemo(() => {
    let widest = 0;
    for (const f of files) for (const h of f.hunks) for (const l of h.lines) if (l.length > widest) widest = l.length;
    return Math.min(widest, 2_000);
  }, [files]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      // Rendered inside this animation frame, so the frame never paints rows meant for another scroll position.
      flushSync(() => setViewport((v) => (v.top === el.scrollTop && v.height === el.clientHeight && v.width === el.clientWidth ? v : { top: el.scrollTop, height: el.clientHeight, width: el.clientWidth })));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(read);
    };
    setViewport({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    el.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', schedule);
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!jump || !el) return;
    const index = rows.findIndex((r) => r.kind === 'file' && r.file === jump.file);
    if (index < 0) return;
    // Before paint: the scroll position and the rows for it change in the same frame.
    el.scrollTop = offsets[index] ?? 0;
    setViewport({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    // Only a new request scrolls; rows changing under a request must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jump]);

  const current = rows[visibleRows(offsets, viewport.top + 1, 1, 0).start]?.file ?? 0;
  useEffect(() => onCurrentFile(current), [current, onCurrentFile]);

  const toggle = useCallback((file: number) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(file)) next.delete(file);
      else next.add(file);
      return next;
    });
  }, []);

  const win = visibleRows(offsets, viewport.top, viewport.height, OVERSCAN_PX);
  const total = offsets[offsets.length - 1] ?? 0;
  const sideCh = widestLine + GUTTER_CH[layout];
  const minWidth = layout === 'unified' ? `max(100%, ${sideCh}ch)` : `max(100%, ${2 * sideCh}ch)`;
  return (
    <div className={`review-scroll review-${layout}`} ref={scrollRef} data-testid="diff-body" data-rows={rows.length} data-rendered={win.end - win.start}>
      {/* --review-view-w: file and hunk headers stay in view however far a long line scrolls sideways. */}
      <div className="review-canvas" style={{ height: total, minWidth, ['--review-view-w' as string]: `${viewport.width}px` }}>
        <div style={{ transform: `translateY(${win.padTop}px)` }}>
          {rows.slice(win.start, win.end).map((row, i) => {
            const file = files[row.file] as DiffFile;
            return <DiffRowView key={win.start + i} row={row} file={file} language={coloured ? (languages[row.file] ?? null) : null} collapsed={collapsed.has(row.file)} onToggle={toggle} />;
          })}
        </div>
      </div>
    </div>
  );
}
