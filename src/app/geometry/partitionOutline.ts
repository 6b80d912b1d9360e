// The outline of each side of a partition: a band along the ring over each
// run of the group's nodes that sit next to each other, so the outline
// holds exactly the group's members. A group whose nodes alternate with
// another's on the ring gets one band per run; a band reaches a little less
// than halfway to the next node of another group, so two groups' bands
// never overlap and never reach the other's nodes.

import { arc } from 'd3-shape';
import type { NodeId } from '../../sim/types';
import { RADIUS } from './ringLayout';

const TAU = 2 * Math.PI;

/** Half the band's width across the ring (a node's circle is ~55 units in radius). */
export const BAND_HALF_WIDTH = 75;
/** How far a band reaches towards the next node of another group, as a part
 *  of the angle between them; under a half, so that node is never inside. */
export const REACH = 0.4;
/** A band reaches at most this far (radians) past its end nodes. */
export const MAX_REACH = Math.PI / 5;

export interface OutlineRun {
  /** Index of the group in the partition's list. */
  group: number;
  /** The run's nodes, clockwise. */
  members: NodeId[];
  /** The band's angles (0 at 12 o'clock, clockwise); endAngle > startAngle,
   *  and both may pass 2π for a run across 12 o'clock. */
  startAngle: number;
  endAngle: number;
}

/**
 * The runs of consecutive nodes (clockwise, by the angle each node is drawn
 * at) that belong to the same group, with the angles their bands cover.
 * Nodes in no group end runs, and are in none.
 */
export function partitionRuns(angles: ReadonlyMap<NodeId, number>, groups: readonly (readonly NodeId[])[]): OutlineRun[] {
  const groupOf = new Map<NodeId, number>();
  groups.forEach((g, i) => g.forEach((id) => groupOf.has(id) || groupOf.set(id, i)));
  const order = [...angles.entries()].map(([id, a]) => ({ id, angle: ((a % TAU) + TAU) % TAU })).sort((x, y) => x.angle - y.angle);
  const count = order.length;
  if (count === 0) return [];
  const group = (i: number) => groupOf.get(order[((i % count) + count) % count]!.id);
  // One group holding every node: a full ring.
  if (order.every((_, i) => group(i) !== undefined && group(i) === group(0))) {
    return [{ group: group(0)!, members: order.map((o) => o.id), startAngle: 0, endAngle: TAU }];
  }
  // Start at a node whose predecessor is in another group (or none), so no run is cut in two.
  const first = order.findIndex((_, i) => group(i) !== group(i - 1));
  if (first < 0) return [];
  const runs: OutlineRun[] = [];
  for (let k = 0; k < count; ) {
    const start = first + k;
    const g = group(start);
    let len = 1;
    while (k + len < count && group(start + len) === g) len++;
    k += len;
    if (g === undefined) continue;
    const angleAt = (i: number) => order[((i % count) + count) % count]!.angle;
    // Unwrapped clockwise angles from the run's first node.
    const from = angleAt(start);
    const span = (i: number) => (((angleAt(i) - from) % TAU) + TAU) % TAU;
    const last = span(start + len - 1);
    const before = TAU - span(start - 1) || TAU;
    const after = span(start + len) - last;
    runs.push({
      group: g,
      members: Array.from({ length: len }, (_, j) => order[(start + j) % count]!.id),
      startAngle: from - Math.min(MAX_REACH, REACH * before),
      endAngle: from + last + Math.min(MAX_REACH, REACH * after),
    });
  }
  return runs;
}

/** SVG path data of one group's bands (centred on 0,0; translate by the ring's centre). */
export function outlinePath(runs: readonly OutlineRun[]): string {
  const band = arc<OutlineRun>()
    .innerRadius(RADIUS - BAND_HALF_WIDTH)
    .outerRadius(RADIUS + BAND_HALF_WIDTH)
    .cornerRadius(BAND_HALF_WIDTH / 2);
  return runs.map((r) => band(r) ?? '').join('');
}

/** Where a run's group letter goes: just outside the middle of its band
 *  (relative to the ring's centre). */
export function labelPoint(run: OutlineRun): { x: number; y: number } {
  const mid = (run.startAngle + run.endAngle) / 2;
  const r = RADIUS + BAND_HALF_WIDTH + 26;
  return { x: r * Math.sin(mid), y: -r * Math.cos(mid) };
}

/** The letter naming group `i` on the ring: A, B, C… */
export function groupLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
}

/** Whether the angle `a` lies within a run's band. */
export function runCovers(run: OutlineRun, a: number): boolean {
  const off = (((a - run.startAngle) % TAU) + TAU) % TAU;
  return off <= run.endAngle - run.startAngle;
}
