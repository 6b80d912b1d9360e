// SVG paths of the monitoring plots, drawn up to the Timeline's cursor: a
// step function (a running count, the hints a node holds) and a pair's lag
// (a ramp while the pair disagrees, back to 0 when it agrees). A run of
// 10,000+ events can change a series many times within one pixel: the
// vertices of each pixel column are reduced to its first, lowest, highest
// and last, which draws the same picture with at most four per column.

import type { LagEpisode, Step } from './series';
import { stepIndexAt } from './series';
import { upperBound } from '../traceIndex';

type Scale = (v: number) => number;

/** Collects a polyline, keeping at most four vertices per pixel column. */
export class ColumnPath {
  private readonly pts: [number, number][] = [];
  private col = NaN;
  private first = 0;
  private lo = 0;
  private hi = 0;
  private last = 0;

  to(px: number, py: number): void {
    const c = Math.round(px);
    const y = Math.round(py * 10) / 10;
    if (c === this.col) {
      if (y < this.lo) this.lo = y;
      if (y > this.hi) this.hi = y;
      this.last = y;
      return;
    }
    this.flush();
    this.col = c;
    this.first = this.lo = this.hi = this.last = y;
  }

  private flush(): void {
    if (Number.isNaN(this.col)) return;
    // The way through a column: in at `first`, across its range, out at `last`.
    const down = this.last >= this.first;
    for (const y of [this.first, down ? this.lo : this.hi, down ? this.hi : this.lo, this.last]) {
      const prev = this.pts[this.pts.length - 1];
      if (prev && prev[0] === this.col && prev[1] === y) continue;
      this.pts.push([this.col, y]);
    }
    this.col = NaN;
  }

  /** The vertices, ending the polyline. */
  points(): [number, number][] {
    this.flush();
    return this.pts;
  }

  /** The path's `d`, ending the polyline. */
  done(): string {
    return toD(this.points());
  }
}

function toD(points: readonly (readonly [number, number])[]): string {
  return points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px},${py}`).join('');
}

/** A step function from time 0 to `nowMs`, using the steps made by `cursor`. */
export function stepPath(steps: readonly Step[], cursor: number, nowMs: number, x: Scale, y: Scale): string {
  const path = new ColumnPath();
  const last = stepIndexAt(steps, cursor);
  let v = steps[0]?.v ?? 0;
  path.to(x(0), y(v));
  for (let i = 1; i <= last; i++) {
    const st = steps[i]!;
    path.to(x(st.t), y(v));
    v = st.v;
    path.to(x(st.t), y(v));
  }
  path.to(x(nowMs), y(v));
  return path.done();
}

/** The highest value of a step function by `cursor`. */
export function maxBy(steps: readonly Step[], cursor: number): number {
  let max = 0;
  const last = stepIndexAt(steps, cursor);
  for (let i = 0; i <= last; i++) if (steps[i]!.v > max) max = steps[i]!.v;
  return max;
}

const fromEventOf = (ep: LagEpisode): number => ep.fromE;

/** Episodes begun by `cursor` (the last may still be open then). */
export function episodesBy(episodes: readonly LagEpisode[], cursor: number): readonly LagEpisode[] {
  return episodes.slice(0, upperBound(episodes, cursor, fromEventOf));
}

/** The lag of one pair from time 0 to `nowMs`: 0 while it agrees, rising 1 ms per ms while it disagrees. */
export function lagPath(episodes: readonly LagEpisode[], cursor: number, nowMs: number, x: Scale, y: Scale): string {
  const path = new ColumnPath();
  path.to(x(0), y(0));
  let open = false;
  for (const ep of episodesBy(episodes, cursor)) {
    path.to(x(ep.fromT), y(0));
    if (ep.toE <= cursor) {
      path.to(x(ep.toT), y(ep.toT - ep.fromT));
      path.to(x(ep.toT), y(0));
    } else {
      path.to(x(nowMs), y(nowMs - ep.fromT));
      open = true;
    }
  }
  if (!open) path.to(x(nowMs), y(0));
  return path.done();
}

/** The longest lag of a pair by `cursor` (whose time is `nowMs`). */
export function maxLagBy(episodes: readonly LagEpisode[], cursor: number, nowMs: number): number {
  let max = 0;
  for (const ep of episodesBy(episodes, cursor)) max = Math.max(max, (ep.toE <= cursor ? ep.toT : nowMs) - ep.fromT);
  return max;
}

/**
 * Labels at the cursor's end of the lines, one per distinct height, moved
 * apart so none overlaps the one above; `gap` is the smallest spacing.
 */
export function spreadLabels<T extends { y: number }>(labels: readonly T[], gap: number, top: number, bottom: number): (T & { ly: number })[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y);
  const out: (T & { ly: number })[] = [];
  let prev = -Infinity;
  for (const l of sorted) {
    const ly = Math.max(l.y, prev + gap, top);
    out.push({ ...l, ly });
    prev = ly;
  }
  // Pushed past the bottom: move the stack back up as a whole.
  const over = out.length > 0 ? out[out.length - 1]!.ly - bottom : 0;
  if (over > 0) for (const l of out) l.ly -= over;
  return out;
}

/** A stretch of time over which a band kept its place and thickness. */
export interface Stretch {
  readonly fromMs: number;
  readonly toMs: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Band {
  readonly node: string;
  /** The band's outline: its top edge forward, its bottom edge back. */
  readonly d: string;
  /** For each thickness the band had, its longest stretch (where its name fits best). */
  readonly stretches: readonly Stretch[];
}

/**
 * Step functions stacked in the given order, up to `cursor` (at `nowMs`):
 * one band per series that rose above 0 by then, its top the running sum
 * through it. The top of the last band is the total.
 */
export function stackedBands(series: readonly (readonly [string, readonly Step[]])[], cursor: number, nowMs: number, x: Scale, y: Scale): Band[] {
  const shown = series.filter(([, steps]) => maxBy(steps, cursor) > 0);
  if (shown.length === 0) return [];
  // Every change by the cursor, in event order (each series' steps are already).
  const changes: { e: number; t: number; i: number; v: number }[] = [];
  shown.forEach(([, steps], i) => {
    const last = stepIndexAt(steps, cursor);
    for (let k = 1; k <= last; k++) changes.push({ e: steps[k]!.e, t: steps[k]!.t, i, v: steps[k]!.v });
  });
  changes.sort((a, b) => a.e - b.e || a.i - b.i);
  const values = shown.map(() => 0);
  const tops = shown.map(() => new ColumnPath());
  const bottoms = shown.map(() => new ColumnPath());
  /** Each band's current stretch, and its longest for each thickness. */
  const current = shown.map(() => ({ fromMs: 0, lower: 0, upper: 0 }));
  const longest = shown.map(() => new Map<number, Stretch>());
  let cum = values.map(() => 0);
  const draw = (t: number) => {
    let sum = 0;
    const next = values.map((v) => (sum += v));
    for (let i = 0; i < shown.length; i++) {
      const lower = i === 0 ? 0 : next[i - 1]!;
      tops[i]!.to(x(t), y(cum[i]!));
      tops[i]!.to(x(t), y(next[i]!));
      bottoms[i]!.to(x(t), y(i === 0 ? 0 : cum[i - 1]!));
      bottoms[i]!.to(x(t), y(lower));
      const c = current[i]!;
      if (c.lower !== lower || c.upper !== next[i]!) {
        end(i, t);
        current[i] = { fromMs: t, lower, upper: next[i]! };
      }
    }
    cum = next;
  };
  const end = (i: number, t: number) => {
    const c = current[i]!;
    const thick = c.upper - c.lower;
    const best = longest[i]!.get(thick);
    if (thick > 0 && (!best || t - c.fromMs > best.toMs - best.fromMs)) longest[i]!.set(thick, { ...c, toMs: t });
  };
  draw(0);
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k]!;
    values[c.i] = c.v;
    if (changes[k + 1]?.e !== c.e) draw(c.t);
  }
  draw(nowMs);
  shown.forEach((_, i) => end(i, nowMs));
  return shown.map(([node], i) => {
    const top = tops[i]!.points();
    const bottom = bottoms[i]!.points().reverse();
    return { node, d: `${toD([...top, ...bottom])}Z`, stretches: [...longest[i]!.values()] };
  });
}
