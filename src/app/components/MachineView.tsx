// The Machine tab: the statechart of one machine — a request, one side of
// an anti-entropy session, a hint replay, or a node's own machine — drawn
// from its definition (machine/chart.ts) and laid out by dagre
// (machine/layout.ts), with the state it is in at the cursor lit, the
// transition the current event made it take traced, and the guard that
// decided it named with its numbers. It moves with the Timeline, forwards
// and back. Loaded only when the tab is opened (ExplainPanel), with dagre.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { line, curveBasis } from 'd3-shape';
import { useAppState, useAppStore } from '../context';
import { showMachine } from '../state/actions';
import { useView } from '../state/derived';
import { formatMs } from '../format';
import { pickOperation } from '../explain/requestStory';
import { traceIndexOf } from '../traceIndex';
import { eventWords, type Chart } from '../machine/chart';
import { CHART_FONT, layoutChart, type ChartDirection, type ChartLayout } from '../machine/layout';
import { isPhoneLayout } from '../layout/phone';
import { defaultSubject, machineAt, parseSubject, subjectKey, subjectOptions, type MachineAt } from '../machine/machineAt';
import './machine.css';

const layouts = new Map<string, ChartLayout>();

function layoutOf(chart: Chart, direction: ChartDirection): ChartLayout {
  const key = `${chart.machine} ${direction}`;
  let laid = layouts.get(key);
  if (!laid) layouts.set(key, (laid = layoutChart(chart, direction)));
  return laid;
}

const path = line<{ x: number; y: number }>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveBasis);

export default function MachineView() {
  const store = useAppStore();
  const chosen = useAppState((s) => s.machine);
  const selectedOp = useAppState((s) => s.selectedOp);
  const selectedNode = useAppState((s) => s.selectedNode);
  const { run, view, cursor } = useView();
  const index = traceIndexOf(run.kernel.trace);
  const ctx = useMemo(
    () => ({
      index,
      ring: run.kernel.ring,
      cluster: run.scenario.cluster,
      steps: run.scenario.steps,
      ops: view.ops,
      nodeMachines: (node: string) => view.nodes.get(node)?.machines,
      cursor,
    }),
    [index, run, view, cursor],
  );
  const subject = (chosen !== null ? parseSubject(chosen) : null) ?? defaultSubject(selectedOp, selectedNode, pickOperation(view.ops, null));
  const at = subject ? machineAt(subject, ctx) : null;
  const options = useMemo(() => subjectOptions(ctx, run.scenario.cluster.nodes), [ctx, run.scenario.cluster.nodes]);
  const value = subject ? subjectKey(subject) : '';
  // The explain panel is wide and short beside the ring, narrow under it on a phone.
  const [direction] = useState<ChartDirection>(() => (isPhoneLayout() ? 'TB' : 'LR'));
  return (
    <div className="machine-view">
      <label className="machine-pick">
        Machine of{' '}
        <select value={value} onChange={(e) => showMachine(store, e.target.value)}>
          {value !== '' && !options.some((o) => o.key === value) && <option value={value}>{at?.title ?? value}</option>}
          {value === '' && <option value="">nothing yet</option>}
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {at ? <MachineChart at={at} direction={direction} /> : <p className="hint-text">Nothing has run yet: step forward, or select a node on the ring.</p>}
    </div>
  );
}

function MachineChart({ at, direction }: { at: MachineAt; direction: ChartDirection }) {
  const { state, now, history } = at;
  const [enlarged, setEnlarged] = useState(false);
  return (
    <>
      <h3>{at.title}</h3>
      <p className="machine-state">
        State: <strong data-state={state ?? ''}>{state ?? 'not started yet'}</strong>
      </p>
      <ChartSvg at={at} direction={direction} grow={1.25} />
      <p className="machine-enlarge">
        <button type="button" aria-haspopup="dialog" onClick={() => setEnlarged(true)}>
          Enlarge chart
        </button>
      </p>
      {enlarged && <EnlargedChart at={at} direction={direction} onClose={() => setEnlarged(false)} />}
      <h4>This event</h4>
      {now.length === 0 ? (
        <p className="hint-text">{state === null ? 'It has not started yet.' : `No transition: it waits in ${state}.`}</p>
      ) : (
        <ul className="machine-now">
          {now.map((t, i) => (
            <li key={i}>
              {t.transition.from} → <strong>{t.transition.to}</strong> on {eventWords(t.transition.event)}
              {t.why.length > 0 && <span className="guard"> — {t.why.join('; ')}</span>}
            </li>
          ))}
        </ul>
      )}
      {history.length > 0 && (
        <details className="machine-history">
          <summary>Its transitions so far ({history.length})</summary>
          <ol>
            {history.slice(-30).map((t, i) => (
              <li key={i}>
                {formatMs(t.t)}: {t.from} → {t.to} on {eventWords(t.event)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

/** The chart drawn from its layout: `grow` caps how far past its own size
 *  it may scale up to fill its box. */
function ChartSvg({ at, direction, grow }: { at: MachineAt; direction: ChartDirection; grow: number }) {
  const { chart, state, now, history } = at;
  const laid = layoutOf(chart, direction);
  // Two charts may be on the page (the tab's and the enlarged one): each
  // needs its own arrow-head id.
  const arrowId = `machine-arrow-${useId().replace(/:/g, '')}`;
  const takenEdges = new Set(now.map((t) => `${t.transition.from}→${t.transition.to}`));
  const walked = new Set(history.map((t) => `${t.from}→${t.to}`));
  const loopedNow = new Set(now.filter((t) => t.transition.from === t.transition.to).map((t) => t.transition.from));
  const label = `Statechart of the ${chart.machine} machine: states ${chart.states.map((s) => s.id).join(', ')}; ${state === null ? 'not started' : `now in ${state}`}`;
  return (
    <svg className="machine-chart" viewBox={`0 0 ${laid.width} ${laid.height}`} role="img" aria-label={label} style={{ maxWidth: `${laid.width * grow}px` }}>
      <defs>
        <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
      </defs>
      {chart.edges.map((e) => {
        const geo = laid.edges.get(e.id)!;
        const cls = takenEdges.has(e.id) ? 'edge taken' : walked.has(e.id) ? 'edge walked' : 'edge';
        return (
          <g key={e.id} className={cls}>
            <path d={path(geo.points) ?? ''} markerEnd={`url(#${arrowId})`} />
            <text x={geo.label.x} y={geo.label.y - ((e.ways.length - 1) * (CHART_FONT.line - 2)) / 2} textAnchor="middle" dominantBaseline="middle">
              {e.ways.map((w, i) => (
                <tspan key={i} x={geo.label.x} dy={i === 0 ? 0 : CHART_FONT.line - 2}>
                  {w.text}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
      {chart.states.map((s) => {
        const box = laid.states.get(s.id)!;
        const cls = ['state', s.id === state ? 'active' : '', s.final ? 'final' : '', loopedNow.has(s.id) ? 'looped' : ''].filter(Boolean).join(' ');
        return (
          <g key={s.id} className={cls} data-state={s.id}>
            <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={8} />
            {s.final && <rect className="inner" x={box.x + 3} y={box.y + 3} width={box.width - 6} height={box.height - 6} rx={6} />}
            <text x={box.x + box.width / 2} y={box.y + 10 + CHART_FONT.line / 2} textAnchor="middle" dominantBaseline="middle" className="name">
              {s.id}
            </text>
            {s.loops.map((l, i) => (
              <text key={i} x={box.x + box.width / 2} y={box.y + 10 + CHART_FONT.line * (i + 1.5)} textAnchor="middle" dominantBaseline="middle" className="loop">
                ↺ {l.text}
              </text>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

/** The chart across the screen, in a modal dialog: beside
 *  the ring (1280×720) the tab's chart is too small to read. It follows the
 *  Timeline like the tab's: the arrow keys still step while it is open. */
function EnlargedChart({ at, direction, onClose }: { at: MachineAt; direction: ChartDirection; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const headId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  const { state, now } = at;
  return (
    <dialog ref={ref} className="machine-dialog" aria-labelledby={headId} onClose={onClose}>
      <h2 id={headId}>{at.title}</h2>
      <p className="machine-state">
        State: <strong>{state ?? 'not started yet'}</strong>
        {now.length > 0 && (
          <span className="guard">
            {' '}
            — {now.map((t) => `${t.transition.from} → ${t.transition.to} on ${eventWords(t.transition.event)}${t.why.length > 0 ? ` (${t.why.join('; ')})` : ''}`).join('; ')}
          </span>
        )}
      </p>
      <ChartSvg at={at} direction={direction} grow={2.2} />
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
