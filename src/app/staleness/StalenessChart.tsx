// P(consistent) against t, one line per configuration, each with its 99.9 %
// point marked: a d3 scale and line in an SVG that scales with its box.

import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useState } from 'react';
import type { VisibilityPoint, WarsConfig } from '../../staleness';
import type { ClusterMode, ClusterPoint } from '../../staleness/cluster';
import { isPhoneLayout } from '../layout/phone';

/** The cluster's measurements of one configuration (src/staleness/cluster.ts). */
export interface ClusterSeries {
  mode: ClusterMode;
  label: string;
  points: readonly ClusterPoint[];
}

export interface Curve {
  id: number;
  label: string;
  config: WarsConfig;
  points: VisibilityPoint[];
  t999: number;
  trials: number;
}

const M = { top: 12, right: 16, bottom: 40, left: 52 };

/**
 * `cluster`: measured points drawn over the curves, each with its 95 %
 * interval as a vertical bar (a circle without repair, a square with it, so
 * they read apart without colour); `describedBy` names the table that gives
 * their numbers to a screen reader.
 */
export function StalenessChart({ curves, cluster = [], describedBy }: { curves: readonly Curve[]; cluster?: readonly ClusterSeries[]; describedBy?: string }) {
  // Drawn at about the size it is shown, so its type stays readable on a phone.
  const [{ W, H }] = useState(() => (isPhoneLayout() ? { W: 380, H: 320 } : { W: 640, H: 300 }));
  const end = Math.max(1, ...curves.map((c) => c.points.at(-1)?.t ?? 0));
  const x = scaleLinear().domain([0, end]).range([M.left, W - M.right]).nice();
  const low = Math.min(...curves.map((c) => c.points[0]?.pConsistent ?? 0), ...cluster.flatMap((c) => c.points.map((p) => p.low)));
  const y = scaleLinear()
    .domain([Math.max(0, Math.floor(low * 10) / 10 - 0.05), 1])
    .range([H - M.bottom, M.top]);
  const path = line<VisibilityPoint>()
    .x((p) => x(p.t))
    .y((p) => y(p.pConsistent));
  const summary = curves.map((c) => `${c.label}: ${(100 * (c.points[0]?.pConsistent ?? 0)).toFixed(1)} % at t = 0, 99.9 % at ${c.t999.toFixed(1)} ms`).join('; ');
  const measured = cluster.length === 0 ? '' : ` Measured on the cluster, as points with 95 % intervals: ${cluster.map((c) => c.label).join('; ')}.`;
  return (
    <svg
      className="staleness-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Probability of a consistent read against time since the write committed. ${summary}.${measured}`}
      aria-describedby={cluster.length > 0 ? describedBy : undefined}
    >
      <g className="axis">
        {x.ticks(W < 500 ? 5 : 8).map((t) => (
          <g key={t} transform={`translate(${x(t)},0)`}>
            <line y1={M.top} y2={H - M.bottom} className="grid" />
            <text y={H - M.bottom + 16} textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
        {y.ticks(6).map((p) => (
          <g key={p} transform={`translate(0,${y(p)})`}>
            <line x1={M.left} x2={W - M.right} className="grid" />
            <text x={M.left - 6} dy="0.32em" textAnchor="end">
              {Math.round(p * 100)}%
            </text>
          </g>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" className="label">
          t: ms since the write committed
        </text>
        <line x1={M.left} x2={W - M.right} y1={y(0.999)} y2={y(0.999)} className="p999" />
      </g>
      {curves.map((c, i) => (
        <g key={c.id} className={`curve curve-${i % 6}`}>
          <path d={path(c.points.filter((p) => p.t <= x.domain()[1]!)) ?? ''} />
          <circle cx={x(c.t999)} cy={y(0.999)} r={4.5} />
          <text x={x(c.t999) + 6} y={y(0.999) + 14 + 13 * i} className="mark">
            99.9 % at {c.t999.toFixed(1)} ms
          </text>
        </g>
      ))}
      {cluster.map((c) => (
        <g key={c.mode} className={`cluster cluster-${c.mode}`}>
          {c.points
            .filter((p) => p.reads > 0 && p.t <= x.domain()[1]!)
            .map((p) => {
              const cx = x(p.t);
              const cy = y(p.fresh / p.reads);
              return (
                <g key={p.t} className="cluster-point">
                  <title>{`${c.label}: t = ${Number(p.t.toFixed(1))} ms, ${pct(p.fresh / p.reads)} fresh (95 %: ${pct(p.low)}–${pct(p.high)}) of ${p.reads} reads`}</title>
                  <line x1={cx} x2={cx} y1={y(p.low)} y2={y(p.high)} />
                  {c.mode === 'wars' ? <circle cx={cx} cy={cy} r={4} /> : <rect x={cx - 4} y={cy - 4} width={8} height={8} />}
                </g>
              );
            })}
        </g>
      ))}
    </svg>
  );
}

function pct(p: number): string {
  return `${(100 * p).toFixed(1)} %`;
}
