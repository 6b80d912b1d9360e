// The steps table, windowed: only the rows in view (and OVERSCAN more at
// each edge) are in the DOM, between two spacer rows that keep the scroll
// height of the whole list. It stays a table to assistive technology:
// aria-rowcount gives the full count and each row its aria-rowindex. Tab
// moves on into the overscan rows, which the browser scrolls into view,
// which draws the next ones; ↑ and ↓ in a field move to the same field of
// the row above or below.

import { useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { DraftStep } from './draft';
import { nodeList } from './draft';
import { editStep, moveStep, removeStep, rowIsInvalid, type EditorDraft } from './model';
import { StepRow } from './StepRow';
import { sameSpan, scrollTopFor, spanFor, type Metrics } from './windowing';

export interface StepsTableHandle {
  /** Scrolls row i into view and focuses its control `col` (or its time field). */
  reveal: (i: number, col: string | null, how?: 'nearest' | 'center') => void;
}

/** Used until the page can be measured (and in tests, where nothing has a size). */
const DEFAULT_METRICS: Metrics = { rowHeight: 44, bodyTop: 36, viewport: 480 };

export function StepsTable({
  draft,
  update,
  labelledBy,
  ref,
}: {
  draft: EditorDraft;
  update: (f: (d: EditorDraft) => EditorDraft) => void;
  labelledBy: string;
  ref: Ref<StepsTableHandle>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = draft.rows.length;
  // Where the list is scrolled to and how big things are: all the span
  // depends on. A scroll that does not change the span keeps the old state,
  // so scrolling within a row re-renders nothing.
  const [view, setView] = useState<{ scrollTop: number; metrics: Metrics }>({ scrollTop: 0, metrics: DEFAULT_METRICS });
  const span = spanFor(view.scrollTop, view.metrics, count);
  // The same metrics, for event handlers (reveal) to read.
  const metricsNow = useRef(DEFAULT_METRICS);
  const pendingFocus = useRef<{ i: number; col: string | null } | null>(null);
  const [focusRequests, setFocusRequests] = useState(0);

  const moveTo = useCallback(
    (scrollTop: number, metrics?: Metrics) =>
      setView((v) => {
        const m = metrics ?? v.metrics;
        return metrics === undefined && sameSpan(spanFor(v.scrollTop, m, count), spanFor(scrollTop, m, count)) ? v : { scrollTop, metrics: m };
      }),
    [count],
  );
  const onScroll = () => {
    if (scroller.current) moveTo(scroller.current.scrollTop);
  };

  // Measure the scroller, the header row and one row, whenever any of them
  // changes size (a different font size or zoom). A row keeps to one line,
  // so one row measures them all.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let last = metricsNow.current;
    const measure = () => {
      const head = el.querySelector('thead');
      const row = el.querySelector('tr.step');
      const m: Metrics = {
        viewport: el.clientHeight || last.viewport,
        bodyTop: head instanceof HTMLElement && head.offsetHeight > 0 ? head.offsetHeight : last.bodyTop,
        rowHeight: row instanceof HTMLElement && row.offsetHeight > 0 ? row.offsetHeight : last.rowHeight,
      };
      if (Math.abs(m.viewport - last.viewport) + Math.abs(m.bodyTop - last.bodyTop) + Math.abs(m.rowHeight - last.rowHeight) < 0.5) return;
      last = metricsNow.current = m;
      moveTo(el.scrollTop, m);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // The table's height is the rows' count times the row height we assumed:
    // if a row is taller, the table's size changes and we measure again.
    const table = el.querySelector('table');
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [moveTo]);

  const reveal = useCallback(
    (i: number, col: string | null, how: 'nearest' | 'center' = 'nearest') => {
      const el = scroller.current;
      if (!el || i < 0) return;
      const top = scrollTopFor(i, el.scrollTop, metricsNow.current, how);
      if (Math.abs(top - el.scrollTop) > 0.5) el.scrollTop = top;
      // Draw the row now rather than on the scroll event, so it can take focus.
      moveTo(top);
      pendingFocus.current = { i, col };
      setFocusRequests((n) => n + 1);
    },
    [moveTo],
  );
  useImperativeHandle(ref, () => ({ reveal }), [reveal]);

  // Focus a revealed row once it is in the DOM.
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    const row = want && scroller.current?.querySelector(`tr[data-row="${want.i}"]`);
    if (!want || !row) return;
    pendingFocus.current = null;
    const control = (want.col !== null && row.querySelector<HTMLElement>(`[data-col="${want.col}"]:not(:disabled)`)) || row.querySelector<HTMLElement>('[data-col="at"]');
    control?.focus();
  }, [focusRequests, span.start, span.end]);

  const onEdit = useCallback((i: number, text: DraftStep) => update((d) => editStep(d, i, text)), [update]);
  const onMove = useCallback(
    (i: number, by: -1 | 1) => {
      update((d) => moveStep(d, i, by));
      // The button follows its row; at an end it is disabled, so its twin takes focus.
      const j = i + by;
      const atEnd = by === -1 ? j === 0 : j === count - 1;
      reveal(j, atEnd ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down');
    },
    [update, reveal, count],
  );
  const onRemove = useCallback(
    (i: number) => {
      update((d) => removeStep(d, i));
      // Focus stays at this place in the list: the row that moved up, or the new last row.
      const j = Math.min(i, count - 2);
      if (j >= 0) reveal(j, 'remove');
    },
    [update, reveal, count],
  );

  // ↑ / ↓ in a field or on a row button: the same control one row up or down.
  // Selects keep their arrows (they change the choice).
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const target = e.target as HTMLElement;
    if (target.tagName === 'SELECT') return;
    const tr = target.closest('tr[data-row]');
    const col = target.getAttribute('data-col');
    if (!tr || col === null) return;
    const j = Number(tr.getAttribute('data-row')) + (e.key === 'ArrowUp' ? -1 : 1);
    if (j < 0 || j >= count) return;
    e.preventDefault();
    reveal(j, col);
  };

  const nodesText = draft.header.nodes;
  const nodes = useMemo(() => nodeList(nodesText), [nodesText]);
  const { rowHeight } = view.metrics;
  const rows = [];
  for (let i = span.start; i < span.end; i++) {
    const row = draft.rows[i]!;
    rows.push(
      <StepRow
        key={row.key}
        index={i}
        row={row}
        opened={draft.opened}
        invalid={rowIsInvalid(draft, row)}
        last={i === count - 1}
        nodes={nodes}
        onEdit={onEdit}
        onMove={onMove}
        onRemove={onRemove}
      />,
    );
  }

  return (
    <div className="editor-steps-scroll" ref={scroller} onScroll={onScroll}>
      <table className="editor-steps" aria-labelledby={labelledBy} aria-rowcount={count + 1}>
        <colgroup>
          <col className="c-index" />
          <col className="c-at" />
          <col className="c-do" />
          <col className="c-fields" />
          <col className="c-tools" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">#</th>
            <th scope="col">At (ms)</th>
            <th scope="col">Action</th>
            <th scope="col">Details</th>
            <th scope="col">
              <span className="visually-hidden">Row tools</span>
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {span.start > 0 ? <Spacer height={span.start * rowHeight} /> : null}
          {rows}
          {span.end < count ? <Spacer height={(count - span.end) * rowHeight} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for rows not drawn. Hidden from assistive technology, which has aria-rowcount. */
function Spacer({ height }: { height: number }) {
  return (
    <tr className="spacer" aria-hidden="true">
      <td colSpan={5} style={{ height }} />
    </tr>
  );
}
