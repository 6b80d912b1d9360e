// Four small plots over one time axis — read repairs per interval, hints
// queued per node, anti-entropy lag per replica pair, stale reads — drawn
// up to the Timeline's position (nothing beyond it shows, as in the
// space-time diagram, so a lesson's open question keeps its answer), with a
// cursor line, the spans a node was down shaded, and a sentence each saying
// the figures at the cursor. Clicking a plot moves the Timeline to the last
// event at that time.

import { useId, useMemo, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { useAppStore } from '../context';
import { seek } from '../state/actions';
import type { AppRun } from '../state/run';
import { formatMs, isolate } from '../format';
import { traceIndexOf, upperBound, type DownSpan } from '../traceIndex';
import { episodesBy, lagPath, maxBy, maxLagBy, spreadLabels, stackedBands, stepPath } from './plotPaths';
import { readingAt, repairsPerInterval, seriesOfRun, type MonitorSeries, type Reading } from './series';
import { hintsText, lagText, pairName, repairsText, staleText } from './summary';
import { useWidth } from '../layout/useWidth';

/** Room for the y-axis labels on the left, and the line labels on the right
 *  (on a narrow screen the labels go left of the cursor instead). */
const ML = 54;
const marginRight = (width: number): number => (width < 560 ? 10 : 64);
const PLOT_H = 76;
const PAD_T = 10;
const PAD_B = 4;
const AXIS_H = 24;
const LABEL_GAP = 15;
/** A label character's width, about, at the labels' 14 px. */
const CHAR_W = 8;
/** Lines labelled at the cursor, at most. */
const MAX_LABELS = 4;

type X = ScaleLinear<number, number>;

export default function MonitoringPlots({ run, cursor }: { run: AppRun; cursor: number }) {
  const store = useAppStore();
  const s = seriesOfRun(run);
  const index = traceIndexOf(run.kernel.trace);
  const [width, measure] = useWidth(640);
  const reading = useMemo(() => readingAt(s, cursor), [s, cursor]);
  const nowMs = reading.timeMs;
  const x = useMemo(() => scaleLinear().domain([0, Math.max(1, s.endMs)]).range([ML, Math.max(ML + 40, width - marginRight(width))]), [s.endMs, width]);
  const ticks = x.ticks(Math.max(2, Math.min(8, Math.floor((width - ML - marginRight(width)) / 110))));
  const down = index.downSpans.filter((d) => d.fromEvent <= cursor);

  const onClick = (e: ReactMouseEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const t = x.invert(Math.max(ML, Math.min(px, x.range()[1]!)));
    seek(store, Math.max(0, upperBound(run.timeline.eventTimes, t, (v) => v) - 1));
  };
  const frame = { x, width, ticks, nowMs, down, onClick };

  return (
    <div className="mon-plots">
      <Plot title="Read repairs per interval" summary={repairsText(reading)} {...frame} max={repairsMax(s, cursor)} marks={(y) => <RepairBars s={s} cursor={cursor} x={x} y={y} nowMs={nowMs} />} />
      <Plot title="Hints queued per node" summary={hintsText(s, reading)} {...frame} labelDown max={hintsMax(s, cursor)} marks={(y) => <HintLines s={s} reading={reading} cursor={cursor} x={x} y={y} width={width} />} />
      <Plot title="Anti-entropy lag per replica pair" summary={lagText(reading)} {...frame} unit="ms" max={lagMax(s, cursor, nowMs)} marks={(y) => <LagLines s={s} reading={reading} cursor={cursor} x={x} y={y} width={width} />} />
      <Plot title="Stale reads" summary={staleText(s, reading)} {...frame} max={reading.staleReads} marks={(y) => <StaleLine s={s} reading={reading} cursor={cursor} x={x} y={y} />} />
      <div className="mon-row mon-axis-row" aria-hidden="true">
        <span className="mon-axis-name">Time</span>
        <div ref={measure}>
          <svg className="mon-svg" width={width} height={AXIS_H}>
            {ticks.map((t) => (
              <text key={t} className="mon-tick" x={x(t)} y={AXIS_H - 7} textAnchor={x(t) + 40 > width ? 'end' : 'middle'}>
                {formatMs(t)}
              </text>
            ))}
          </svg>
        </div>
      </div>
    </div>
  );
}

function repairsMax(s: MonitorSeries, cursor: number): number {
  let max = 0;
  for (const v of repairsPerInterval(s, cursor).values()) max = Math.max(max, v);
  return max;
}

/** The longest queue by `cursor`: the stacked total's highest point. */
function hintsMax(s: MonitorSeries, cursor: number): number {
  return maxBy(s.hintsQueued, cursor);
}

function lagMax(s: MonitorSeries, cursor: number, nowMs: number): number {
  let max = 0;
  for (const p of s.pairs) max = Math.max(max, maxLagBy(p.episodes, cursor, nowMs));
  return max;
}

interface PlotProps {
  title: string;
  summary: string;
  x: X;
  /** The svg's width: the shared axis's. */
  width: number;
  ticks: number[];
  nowMs: number;
  down: DownSpan[];
  onClick: (e: ReactMouseEvent<SVGSVGElement>) => void;
  /** Name the node in each down span (once, on the hints plot). */
  labelDown?: boolean;
  /** The y axis is in ms (else a count). */
  unit?: 'ms';
  /** The highest value shown so far (the y axis's top is rounded up from it). */
  max: number;
  /** The plot's marks, for its y scale. */
  marks: (y: (v: number) => number) => ReactNode;
}

/** One plot: its title and sentence on the left, its marks over the shared time axis on the right. */
function Plot({ title, summary, x, width, ticks, nowMs, down, onClick, labelDown = false, unit, max, marks }: PlotProps) {
  const titleId = useId();
  const textId = useId();
  const [x0, x1] = x.range() as [number, number];
  // A count's axis tops out at a whole number; a lag's at a round time.
  const top = unit === 'ms' ? (scaleLinear().domain([0, Math.max(1, max)]).nice(3).domain()[1] ?? 1) : Math.max(1, Math.ceil(max));
  const y = scaleLinear()
    .domain([0, top])
    .range([PLOT_H - PAD_B, PAD_T]);
  const xNow = x(nowMs);
  return (
    <figure className="mon-row mon-plot" aria-labelledby={titleId} aria-describedby={textId}>
      <figcaption>
        <span id={titleId} className="mon-title">
          {title}
        </span>
        <span id={textId} className="mon-now">
          {summary}
        </span>
      </figcaption>
      <svg className="mon-svg" width={width} height={PLOT_H} aria-hidden="true" onClick={onClick}>
        <rect className="mon-bg" x={x0} y={PAD_T} width={x1 - x0} height={PLOT_H - PAD_T - PAD_B} />
        {ticks.map((t) => (
          <line key={t} className="mon-grid" x1={x(t)} x2={x(t)} y1={PAD_T} y2={PLOT_H - PAD_B} />
        ))}
        {down.map((d) => {
          const a = x(d.fromMs);
          const b = x(Math.min(d.toMs, nowMs));
          return (
            <g key={`${d.node}:${d.fromEvent}`} className="mon-down">
              <rect x={a} y={PAD_T} width={Math.max(2, b - a)} height={PLOT_H - PAD_T - PAD_B} />
              {labelDown && b - a >= 56 && (
                <text x={a + 4} y={PAD_T + 14}>
                  {`${isolate(d.node)} down`}
                </text>
              )}
            </g>
          );
        })}
        <text className="mon-ytick" x={x0 - 6} y={PAD_T + 5} textAnchor="end">
          {unit === 'ms' ? shortMs(top) : top}
        </text>
        <text className="mon-ytick" x={x0 - 6} y={PLOT_H - PAD_B} textAnchor="end">
          0
        </text>
        {marks(y)}
        <line className="mon-base" x1={x0} x2={x1} y1={y(0)} y2={y(0)} />
        <line className="mon-cursor" x1={xNow} x2={xNow} y1={PAD_T - 4} y2={PLOT_H} />
      </svg>
    </figure>
  );
}

interface MarkProps {
  s: MonitorSeries;
  cursor: number;
  x: X;
  y: (v: number) => number;
}

function RepairBars({ s, cursor, x, y, nowMs }: MarkProps & { nowMs: number }) {
  const bins = repairsPerInterval(s, cursor);
  const current = Math.floor(nowMs / s.intervalMs);
  return (
    <g className="mon-bars">
      {[...bins].map(([bin, count]) => {
        const a = x(bin * s.intervalMs);
        const b = x((bin + 1) * s.intervalMs);
        return <rect key={bin} className={bin === current ? 'now' : undefined} x={a + 0.5} y={y(count)} width={Math.max(1.5, b - a - 1)} height={y(0) - y(count)} />;
      })}
    </g>
  );
}

/** The hints each node holds, stacked: the top edge is the whole queue. */
function HintLines({ s, reading, cursor, x, y, width }: MarkProps & { reading: Reading; width: number }) {
  const bands = stackedBands(
    s.nodes.map((n) => [n, s.hintsHeld.get(n)!] as const),
    cursor,
    reading.timeMs,
    x,
    y,
  );
  // Each band named once, on its longest stretch that the name fits inside.
  const names = bands.flatMap((b) => {
    const fits = b.stretches.filter((w) => y(w.lower) - y(w.upper) >= 14 && x(w.toMs) - x(w.fromMs) >= b.node.length * CHAR_W + 6);
    const best = fits.sort((p, q) => q.toMs - q.fromMs - (p.toMs - p.fromMs))[0];
    return best ? [{ node: b.node, at: best }] : [];
  });
  // At the cursor, each holder's count beside its band.
  const labels: { text: string; y: number }[] = [];
  for (let i = 0, below = 0; i < bands.length; i++) {
    const node = bands[i]!.node;
    const v = reading.hintsHeld.get(node) ?? 0;
    if (v > 0) labels.push({ text: `${isolate(node)} ${v}`, y: y(below + v / 2) });
    below += v;
  }
  return (
    <g className="mon-hints">
      {bands.map((b, i) => (
        <path key={b.node} className={i % 2 ? 'odd' : undefined} d={b.d} />
      ))}
      {names.map(({ node, at }) => (
        <text key={node} className="mon-band-name" x={(x(at.fromMs) + x(at.toMs)) / 2} y={y((at.lower + at.upper) / 2)} textAnchor="middle" dominantBaseline="central">
          {isolate(node)}
        </text>
      ))}
      <LineLabels labels={labels.slice(-MAX_LABELS)} x={x(reading.timeMs)} width={width} />
    </g>
  );
}

function LagLines({ s, reading, cursor, x, y, width }: MarkProps & { reading: Reading; width: number }) {
  const lines = s.pairs.filter((p) => episodesBy(p.episodes, cursor).length > 0);
  const labels = groupLabels(reading.lagging.map((p) => ({ name: pairName(p.a, p.b), v: p.lagMs })), y).map((l) => ({ ...l, text: l.names }));
  return (
    <g className="mon-lag">
      {lines.map((p) => (
        <path key={`${p.a} ${p.b}`} d={lagPath(p.episodes, cursor, reading.timeMs, x, y)} />
      ))}
      <LineLabels labels={labels} x={x(reading.timeMs)} width={width} />
    </g>
  );
}

function StaleLine({ s, reading, cursor, x, y }: MarkProps & { reading: Reading }) {
  const marks = s.staleMarks.slice(0, reading.staleReads);
  return (
    <g className="mon-stale">
      <path d={stepPath(s.staleReads, cursor, reading.timeMs, x, y)} />
      {marks.map((m, i) => (
        <path key={m.e + ':' + m.op} className="mon-mark" transform={`translate(${x(m.t)},${y(i + 1)})`} d="M0,-6L6,0L0,6L-6,0Z" />
      ))}
    </g>
  );
}

/** One label per distinct value (names joined), the highest values first, at most MAX_LABELS. */
function groupLabels(items: { name: string; v: number }[], y: (v: number) => number): { names: string; v: number; y: number }[] {
  const byValue = new Map<number, string[]>();
  for (const it of items) {
    const names = byValue.get(it.v);
    if (names) names.push(it.name);
    else byValue.set(it.v, [it.name]);
  }
  return [...byValue]
    .sort((a, b) => b[0] - a[0])
    .slice(0, MAX_LABELS)
    .map(([v, names]) => ({ names: names.length > 2 ? `${names[0]}, ${names[1]} +${names.length - 2}` : names.join(', '), v, y: y(v) }));
}

/** Labels beside the cursor: to its right, or to its left where the right has no room. */
function LineLabels({ labels, x, width }: { labels: { text: string; y: number }[]; x: number; width: number }) {
  const placed = spreadLabels(labels, LABEL_GAP, PAD_T + 4, PLOT_H - PAD_B - 2);
  const widest = Math.max(0, ...labels.map((l) => l.text.length)) * CHAR_W;
  const left = x + 5 + widest > width;
  return (
    <g className="mon-labels">
      {placed.map((l) => (
        <text key={l.text} x={left ? x - 5 : x + 5} y={l.ly} textAnchor={left ? 'end' : 'start'} dominantBaseline="central">
          {l.text}
        </text>
      ))}
    </g>
  );
}


/** An axis label's time: "500 ms", "2 s". */
function shortMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}
