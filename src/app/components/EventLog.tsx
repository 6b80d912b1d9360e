// The event log: one entry per kernel event, in plain words, the current one
// highlighted and kept in view. Only a window of entries around the cursor
// is rendered (a run may have 100,000 events). Each entry is a button that
// moves the Timeline there; the entries are one tab stop (the current one),
// and ↑ / ↓ move between them.

import { memo, useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useAppStore } from '../context';
import { seek } from '../state/actions';
import type { AppRun } from '../state/run';
import { formatMs } from '../format';
import { describeEvent, type LogEntry } from '../logText';
import { traceIndexOf } from '../traceIndex';
import './story.css';

/** Entries are rendered from a page boundary before the cursor; pages keep the list from shifting on every step. */
const PAGE = 50;
const SHOWN = 3 * PAGE;
const DETAILS_SHOWN = 6;

export function logWindow(cursor: number, events: number): { start: number; end: number } {
  const start = Math.max(0, Math.floor(cursor / PAGE) * PAGE - PAGE);
  return { start, end: Math.min(events, start + SHOWN - 1) };
}

const entries = new WeakMap<AppRun, Map<number, LogEntry>>();

/** The log entry of event `e` of a run, worded once and kept. */
export function entryOf(run: AppRun, e: number): LogEntry {
  let byEvent = entries.get(run);
  if (!byEvent) entries.set(run, (byEvent = new Map<number, LogEntry>()));
  let entry = byEvent.get(e);
  if (!entry) {
    const index = traceIndexOf(run.kernel.trace);
    entry = describeEvent(e, run.timeline.recordsOf(e), { scenario: run.scenario, messageOf: (id) => index.byId.get(id)?.msg });
    byEvent.set(e, entry);
  }
  return entry;
}

export function EventLog({ run, cursor, horizon = Infinity }: { run: AppRun; cursor: number; horizon?: number }) {
  const headingId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { start, end } = logWindow(cursor, Math.min(run.events, horizon));
  const rows: LogEntry[] = [];
  for (let e = start; e <= end; e++) rows.push(entryOf(run, e));

  // Keep the current entry in view, scrolling the log only (never the page).
  // Measuring rows forces a layout; done right after a frame is painted, the
  // layout is already clean and the measure costs nothing.
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        const box = scrollRef.current;
        const row = box?.querySelector<HTMLElement>(`[data-e="${cursor}"]`)?.parentElement;
        if (!box || !row) return;
        const top = row.offsetTop;
        const bottom = top + row.offsetHeight;
        if (top < box.scrollTop || bottom > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [cursor, start]);

  const onKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const current = (e.target as HTMLElement).closest('li');
    const next = e.key === 'ArrowDown' ? current?.nextElementSibling : current?.previousElementSibling;
    const button = next?.querySelector('button');
    if (!button) return;
    e.preventDefault();
    button.focus();
  };

  return (
    <div className="event-log">
      <h3 id={headingId}>Event log</h3>
      <div className="log-scroll" ref={scrollRef}>
        {start > 0 && <p className="log-more">{start} earlier events are not listed: move the Timeline back to see them.</p>}
        <ol className="log-list" aria-labelledby={headingId} onKeyDown={onKey}>
          {rows.map((entry) => (
            <LogRow key={entry.e} entry={entry} place={entry.e === cursor ? 'current' : entry.e < cursor ? 'past' : 'future'} />
          ))}
        </ol>
        {end < run.events && <p className="log-more">{run.events - end} later events are not listed yet.</p>}
      </div>
    </div>
  );
}

const LogRow = memo(function LogRow({ entry, place }: { entry: LogEntry; place: 'past' | 'current' | 'future' }) {
  const store = useAppStore();
  const hidden = entry.details.length - DETAILS_SHOWN;
  return (
    <li className={`log-row ${place}${entry.verdict ? ' verdict' : ''}`}>
      <button type="button" className="log-line" data-e={entry.e} tabIndex={place === 'current' ? 0 : -1} aria-current={place === 'current' ? 'step' : undefined} onClick={() => seek(store, entry.e)}>
        <span className="log-time">{formatMs(entry.t)}</span>
        <span className="log-text">
          <span className={`log-main tone-${entry.main.tone}`}>{entry.main.text}</span>
          {entry.details.slice(0, DETAILS_SHOWN).map((d, i) => (
            <span key={i} className={`log-detail tone-${d.tone}`}>
              {d.text}
            </span>
          ))}
          {hidden > 0 && <span className="log-detail tone-muted">… and {hidden} more</span>}
        </span>
      </button>
    </li>
  );
});
