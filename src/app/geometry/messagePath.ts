// The path a message glyph travels on the ring: the chord between two
// nodes, trimmed so that it starts and ends just outside the node buttons
// (a glyph drawn at a node's centre would hide under its button).

import type { Point } from './ringLayout';

/** Distance from a node's centre to a glyph's centre at either end, in box
 *  units: the node button's radius (≈ 55 at 1280×720) plus half a glyph. */
export const GLYPH_INSET = 92;

export interface Chord {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The chord from a to b, shortened by `inset` at both ends. Nodes closer
 *  than two insets share one point halfway between them. */
export function trimmedChord(a: Point, b: Point, inset = GLYPH_INSET): Chord {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  if (length <= 2 * inset) {
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    return { x0: mx, y0: my, x1: mx, y1: my };
  }
  const ux = dx / length;
  const uy = dy / length;
  return { x0: a.x + ux * inset, y0: a.y + uy * inset, x1: b.x - ux * inset, y1: b.y - uy * inset };
}

/** Where along its flight a lost message died: a random loss halfway (the
 *  network drops it in mid-air), anything else (partition, cut, dead node)
 *  at the receiver's edge. Computed from the trace's times, not assumed. */
export function dropProgress(sentMs: number, arriveMs: number, droppedMs: number): number {
  if (arriveMs <= sentMs) return 1;
  return Math.max(0, Math.min(1, (droppedMs - sentMs) / (arriveMs - sentMs)));
}
