// Which rows of a long table to put in the DOM. Rows have one height (the
// table keeps each row to one line, and measures it), so row i starts at
// bodyTop + i * rowHeight and the rows not drawn are stood in for by two
// spacers of the right height: the scrollbar and the scroll height are those
// of the whole list.

/** Rows drawn beyond each edge of the viewport, so Tab and the arrows always have a next row to go to. */
export const OVERSCAN = 6;

export interface Metrics {
  /** Height of one row, px. */
  rowHeight: number;
  /** Where the first row starts inside the scrolled content (below the header row), px. */
  bodyTop: number;
  /** Height of the scroller's visible area, px. */
  viewport: number;
}

/** Rows [start, end) of `count`. */
export interface Span {
  start: number;
  end: number;
}

export function spanFor(scrollTop: number, m: Metrics, count: number, overscan = OVERSCAN): Span {
  const h = Math.max(1, m.rowHeight);
  const top = scrollTop - m.bodyTop;
  const first = Math.floor(top / h);
  const last = Math.ceil((top + Math.max(0, m.viewport)) / h);
  const start = clamp(first - overscan, 0, count);
  return { start, end: clamp(last + overscan, start, count) };
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

/**
 * The scrollTop that shows row i: the least move that brings it fully into
 * view below the sticky header row ("nearest"), or the one that centres it.
 */
export function scrollTopFor(i: number, scrollTop: number, m: Metrics, how: 'nearest' | 'center'): number {
  const rowTop = m.bodyTop + i * m.rowHeight;
  // The header row sticks to the top of the viewport and covers bodyTop px.
  const visibleTop = scrollTop + m.bodyTop;
  const visibleBottom = scrollTop + m.viewport;
  if (how === 'center') return Math.max(0, rowTop - m.bodyTop - (m.viewport - m.bodyTop - m.rowHeight) / 2);
  if (rowTop < visibleTop) return Math.max(0, rowTop - m.bodyTop);
  if (rowTop + m.rowHeight > visibleBottom) return rowTop + m.rowHeight - m.viewport;
  return scrollTop;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
