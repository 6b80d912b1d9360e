// Where things sit on the ring, in a 1000 × 1000 box. Tokens are spaced
// evenly in ring order rather than by raw hash: order is what decides
// preference lists, and raw hashes often put two nodes on top of each
// other. A key sits within its token range in proportion to its hash, so
// it is always drawn between the right two tokens.

import type { Ring } from '../../sim/ring';
import type { NodeId } from '../../sim/types';

export const BOX = 1000;
export const CENTER = BOX / 2;
export const RADIUS = 370;

export interface Point {
  x: number;
  y: number;
}

export interface RingLayout {
  tokenAngles: number[];
  nodes: Map<NodeId, { angle: number; point: Point }>;
  angleOfHash(h: number): number;
}

/** Angle 0 is 12 o'clock, increasing clockwise. */
export function pointAt(angle: number, radius = RADIUS): Point {
  return { x: CENTER + radius * Math.sin(angle), y: CENTER - radius * Math.cos(angle) };
}

export function layoutRing(ring: Ring): RingLayout {
  const count = ring.tokens.length;
  const step = (2 * Math.PI) / count;
  const tokenAngles = ring.tokens.map((_, i) => i * step);
  const nodes = new Map<NodeId, { angle: number; point: Point }>();
  ring.tokens.forEach((t, i) => {
    if (!nodes.has(t.node)) nodes.set(t.node, { angle: tokenAngles[i]!, point: pointAt(tokenAngles[i]!) });
  });
  const angleOfHash = (h: number): number => {
    const i = ring.tokenIndexFor(h);
    const end = ring.tokens[i]!.token;
    const start = ring.tokens[(i - 1 + count) % count]!.token;
    const width = count === 1 ? 2 ** 32 : (end - start + 2 ** 32) % 2 ** 32 || 2 ** 32;
    const offset = (h - start + 2 ** 32) % 2 ** 32;
    const endAngle = i === 0 ? 2 * Math.PI : tokenAngles[i]!;
    const startAngle = endAngle - step;
    return startAngle + (offset / width) * step;
  };
  return { tokenAngles, nodes, angleOfHash };
}

/** A point `t` of the way from a to b (0 ≤ t ≤ 1). */
export function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

/** Where a message is drawn at virtual time `timeMs`: a straight lerp by
 *  (t − sent) / (arrive − sent) along the chord between the two nodes. */
export function messageProgress(sentMs: number, arriveMs: number, timeMs: number): number {
  if (arriveMs <= sentMs) return 1;
  return Math.max(0, Math.min(1, (timeMs - sentMs) / (arriveMs - sentMs)));
}
