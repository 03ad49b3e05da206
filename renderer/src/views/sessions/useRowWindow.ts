import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { scrollToShow, visibleRows, WINDOW_FROM_ROWS, type RowWindow } from './rowWindow';

/** Rows kept in the DOM above and below the view, in px: fast scrolling never shows blank space. */
const OVERSCAN_PX = 600;

interface Viewport {
  /** Scroll position measured from the top of the first body row. */
  scrollTop: number;
  /** Visible height of the scroll container below the sticky header. */
  height: number;
}

interface Geometry {
  bodyTop: number;
  headerHeight: number;
}

function measure(container: HTMLElement, body: HTMLElement): Geometry {
  const bodyTop = body.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  const head = body.parentElement?.querySelector('thead');
  return { bodyTop, headerHeight: head?.getBoundingClientRect().height ?? 0 };
}

function viewportOf(container: HTMLElement, { bodyTop, headerHeight }: Geometry): Viewport {
  return { scrollTop: container.scrollTop - bodyTop + headerHeight, height: container.clientHeight - headerHeight };
}

function readViewport(container: HTMLElement, body: HTMLElement): Viewport {
  return viewportOf(container, measure(container, body));
}

/**
 * Windowing for a table body inside a scrolling container: which rows to render for the current
 * scroll position, and a way to bring row i into view (keyboard moves) even when it is not rendered.
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  bodyRef: RefObject<HTMLElement | null>,
  offsets: readonly number[],
): { window: RowWindow | null; reveal(index: number): void } {
  const enabled = offsets.length - 1 >= WINDOW_FROM_ROWS;
  const [viewport, setViewport] = useState<Viewport>({ scrollTop: 0, height: 1200 });

  useLayoutEffect(() => {
    const container = scrollRef.current;
    const body = bodyRef.current;
    if (!enabled || !container || !body) return;
    let frame = 0;
    // One read per frame however many scroll events arrive.
    const update = () => {
      frame = 0;
      const next = readViewport(container, body);
      setViewport((v) => (v.scrollTop === next.scrollTop && v.height === next.height ? v : next));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    update();
    container.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(container);
    return () => {
      container.removeEventListener('scroll', schedule);
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [enabled, scrollRef, bodyRef]);

  const reveal = useCallback(
    (index: number) => {
      const container = scrollRef.current;
      const body = bodyRef.current;
      if (!container || !body) return;
      const geometry = measure(container, body);
      const current = viewportOf(container, geometry);
      const target = scrollToShow(offsets, index, current.scrollTop, current.height);
      if (target !== null) container.scrollTop = target + geometry.bodyTop - geometry.headerHeight;
    },
    [offsets, scrollRef, bodyRef],
  );

  // A shrinking list (a filter) can leave the scroll position past the end; the browser clamps it
  // without a scroll event, so re-read once the rows change.
  const total = offsets[offsets.length - 1] ?? 0;
  useEffect(() => {
    const container = scrollRef.current;
    const body = bodyRef.current;
    if (!enabled || !container || !body) return;
    const next = readViewport(container, body);
    setViewport((v) => (v.scrollTop === next.scrollTop && v.height === next.height ? v : next));
  }, [enabled, total, scrollRef, bodyRef]);

  if (!enabled) return { window: null, reveal };
  return { window: visibleRows(offsets, viewport.scrollTop, viewport.height, OVERSCAN_PX), reveal };
}
