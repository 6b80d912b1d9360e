// The space-time diagram: one lane per node, time running left to right,
// one arrow per message from its send to its delivery (or to a cross where
// it was lost). It shows a window of virtual time around the Timeline's
// position, so a run of 10,000 events draws only what is near; only what
// has happened by the cursor is drawn, so it grows as the Timeline plays.
// Clicking an arrow moves the Timeline to that message's delivery; clicking
// elsewhere, to the last event at that time.

import { memo, useId, useMemo, useState } from 'react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import { scaleLinear } from 'd3-scale';
import { useAppStore } from '../context';
import { seek } from '../state/actions';
import type { AppRun } from '../state/run';
import { formatMs, isolate } from '../format';
import { dropProgress } from '../geometry/messagePath';
import { arrowHeadPath, crossPath, defaultWindowMs, laneHeight, windowStartMs } from '../geometry/spaceTime';
import { messagesInWindow, traceIndexOf, typicalLatencyMs, upperBound, type MessageInfo } from '../traceIndex';
import { KIND_INFO } from '../messageKinds';
import { flight } from '../logText';
import './messages.css';
import './story.css';
import { useWidth } from '../layout/useWidth';

const LABEL_W = 52;
const AXIS_H = 30;
const PAD_R = 14;
/** Past this many arrows in the window only the latest are drawn. */
const MAX_ARROWS = 400;
/** Arrow labels only when there is room to read them. */
const LABELS_MAX = 40;

export function SpaceTime({ run, cursor }: { run: AppRun; cursor: number }) {
  const store = useAppStore();
  const index = traceIndexOf(run.kernel.trace);
  const nodes = run.scenario.cluster.nodes;
  const [width, boxRef] = useWidth(720);
  const [zoom, setZoom] = useState(0);
  const baseMs = defaultWindowMs(typicalLatencyMs(run.scenario.network.latency));
  const windowMs = baseMs * 2 ** zoom;
  const nowMs = run.timeline.eventTimes[cursor] ?? 0;
  const startMs = windowStartMs(nowMs, windowMs);
  const endMs = startMs + windowMs;
  const laneH = laneHeight(nodes.length);
  const height = AXIS_H + laneH * nodes.length + 6;
  const x = useMemo(() => scaleLinear().domain([startMs, endMs]).range([LABEL_W, Math.max(LABEL_W + 40, width - PAD_R)]), [startMs, endMs, width]);
  const ticks = x.ticks(Math.max(2, Math.min(8, Math.floor((width - LABEL_W) / 90)))).filter((t) => x(t) <= width - 30);
  const row = useMemo(() => new Map(nodes.map((n, i) => [n, i])), [nodes]);
  const laneY = (node: string) => AXIS_H + laneH * ((row.get(node) ?? 0) + 0.5);
  const messages = useMemo(() => messagesInWindow(index, cursor, startMs, endMs).slice(-MAX_ARROWS), [index, cursor, startMs, endMs]);
  const labelled = messages.length <= LABELS_MAX;
  const verdicts = index.verdicts.slice(0, upperBound(index.verdicts, cursor, (v) => v.e)).filter((v) => v.t >= startMs && v.t <= endMs && v.node !== null);
  const clipId = `st-clip${useId().replace(/:/g, '')}`;

  const onBackgroundClick = (e: ReactMouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    if (px < LABEL_W) return;
    const t = x.invert(px);
    seek(store, Math.max(0, upperBound(run.timeline.eventTimes, t, (v) => v) - 1));
  };

  return (
    <div className="space-time">
      <div className="st-head">
        <h3>Space-time diagram</h3>
        <span className="st-window">
          {formatMs(startMs)} to {formatMs(endMs)}
        </span>
        <span className="st-zoom">
          <button type="button" onClick={() => setZoom(zoom - 1)} disabled={windowMs <= 1}>
            Zoom in
          </button>
          <button type="button" onClick={() => setZoom(zoom + 1)} disabled={zoom >= 12}>
            Zoom out
          </button>
        </span>
      </div>
      <p className="st-help">Time runs left to right; each arrow is one message. Click an arrow to jump to its delivery.</p>
      <div className="st-box" ref={boxRef}>
        <svg className="st-svg" width={width} height={height} aria-label="Space-time diagram" onClick={onBackgroundClick}>
          <defs>
            <clipPath id={clipId}>
              <rect x={LABEL_W} y={0} width={Math.max(0, width - LABEL_W - PAD_R + 4)} height={height} />
            </clipPath>
          </defs>
          <g className="st-axis" aria-hidden="true">
            {/* Ticks whose label would be cut by the right edge are left out. */}
            {ticks.map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y1={AXIS_H - 6} y2={height} />
                <text y={AXIS_H - 10} textAnchor="middle">
                  {formatMs(t)}
                </text>
              </g>
            ))}
          </g>
          {nodes.map((n, i) => (
            <g key={n} role="group" aria-label={`${n} lane`} className={`st-lane${i % 2 ? ' odd' : ''}`}>
              <rect className="st-lane-bg" x={0} y={AXIS_H + laneH * i} width={width} height={laneH} />
              <line className="st-lane-line" x1={LABEL_W} x2={width - PAD_R} y1={laneY(n)} y2={laneY(n)} />
              <text className="st-lane-label" x={8} y={laneY(n)} dominantBaseline="central">
                {n}
              </text>
            </g>
          ))}
          <g clipPath={`url(#${clipId})`}>
            <g className="st-down" aria-hidden="true">
              {index.downSpans
                .filter((s) => s.fromEvent <= cursor && s.fromMs <= endMs && Math.min(s.toMs, nowMs) >= startMs)
                .map((s) => {
                  const x0 = x(Math.max(startMs, s.fromMs));
                  const x1 = x(Math.min(endMs, Math.min(s.toMs, nowMs)));
                  const y = laneY(s.node);
                  return (
                    <g key={`${s.node}:${s.fromEvent}`}>
                      <rect x={x0} y={y - laneH * 0.32} width={Math.max(2, x1 - x0)} height={laneH * 0.64} />
                      <title>{`${s.node} is down`}</title>
                    </g>
                  );
                })}
            </g>
            <g className="st-arrows">
              {messages.map((m) => (
                <Arrow key={m.id} {...arrowProps(m, cursor, x, laneY, labelled)} />
              ))}
            </g>
            <g className="st-verdicts">
              {verdicts.map((v) => (
                <g key={`${v.e}:${v.op}:${v.kind}`} className="st-verdict" transform={`translate(${x(v.t)},${laneY(v.node!)})`}>
                  <path d="M0,-11L11,0L0,11L-11,0Z" />
                  <title>{`${v.kind === 'stale' ? 'Stale read' : v.kind === 'lost' ? 'Lost write' : 'Resurrection'} of ${isolate(v.key)} at ${formatMs(v.t)}`}</title>
                </g>
              ))}
            </g>
            <line className="st-cursor" x1={x(nowMs)} x2={x(nowMs)} y1={AXIS_H - 4} y2={height} />
          </g>
        </svg>
      </div>
    </div>
  );
}

interface ArrowProps {
  m: MessageInfo;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  state: 'delivered' | 'lost' | 'flying';
  /** Where a lost message was headed: the rest of its path shows faintly. */
  gx: number;
  gy: number;
  labelled: boolean;
}

function arrowProps(m: MessageInfo, cursor: number, x: (t: number) => number, laneY: (n: string) => number, labelled: boolean): ArrowProps {
  const y0 = laneY(m.from);
  const yTo = laneY(m.to);
  const ended = m.endEvent !== null && m.endEvent <= cursor;
  // A message still in the air is drawn along its whole planned path, dotted,
  // so the arrow changes only when it lands or is lost (the cursor line shows
  // how far along it is).
  const state: ArrowProps['state'] = !ended ? 'flying' : m.drop ? 'lost' : 'delivered';
  const p = state === 'lost' ? dropProgress(m.sentMs, m.arriveMs, m.endMs!) : 1;
  const tEnd = state === 'flying' ? m.arriveMs : m.endMs!;
  return { m, x0: x(m.sentMs), y0, x1: x(tEnd), y1: y0 + (yTo - y0) * p, gx: x(m.arriveMs), gy: yTo, state, labelled };
}

/** One message. Its props are numbers and the (stable) message, so an arrow
 *  that did not change is skipped; its words are made only when it is drawn. */
const Arrow = memo(function Arrow({ m, x0, y0, x1, y1, gx, gy, state, labelled }: ArrowProps) {
  const store = useAppStore();
  const info = KIND_INFO[m.kind];
  const long = Math.hypot(x1 - x0, y1 - y0) > 56;
  const when = state === 'delivered' ? `delivered at ${formatMs(m.endMs!)}` : state === 'lost' ? `lost at ${formatMs(m.endMs!)}` : `in flight, due at ${formatMs(m.arriveMs)}`;
  return (
    <g
      className={`st-arrow k-${m.kind} ${state}${info.dashed ? ' dashed' : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        // To the delivery (or the loss): the moment the message made a difference.
        seek(store, m.endEvent ?? m.sentEvent);
      }}
    >
      <title>{`${flight(m.from, m.to, m.msg)} · sent at ${formatMs(m.sentMs)}, ${when}. Click to jump there.`}</title>
      {state === 'lost' && <line className="st-ghost" x1={x1} y1={y1} x2={gx} y2={gy} />}
      <line className="st-hit" x1={x0} y1={y0} x2={x1} y2={y1} />
      <line className="st-line" x1={x0} y1={y0} x2={x1} y2={y1} />
      {state === 'lost' ? <path className="st-cross" d={crossPath(x1, y1)} /> : <path className="st-head" d={arrowHeadPath(x0, y0, x1, y1)} />}
      {labelled && long && (
        <text className="st-label" x={(x0 + x1) / 2} y={(y0 + y1) / 2} textAnchor="middle" dominantBaseline="central">
          {info.label}
        </text>
      )}
    </g>
  );
});
