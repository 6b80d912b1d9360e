// The space-time diagram's geometry: which slice of virtual time it shows,
// how tall a lane is, and the small marks at an arrow's end. D3's scale
// maps time to x in the component; these are the plain numbers around it.

/** The window of virtual time to show around `nowMs`. It moves in steps of
 *  half a window, so arrows stay put while the cursor crosses the middle
 *  half, instead of the whole diagram sliding under the reader's eyes. */
export function windowStartMs(nowMs: number, windowMs: number): number {
  const stepMs = windowMs / 2;
  return Math.max(0, Math.floor(nowMs / stepMs) * stepMs - windowMs / 4);
}

/** A window wide enough for a request and its answers: about 16 hops. */
export function defaultWindowMs(typicalLatencyMs: number): number {
  return Math.max(10, 16 * typicalLatencyMs);
}

/** Lanes shrink with more nodes, but never below a 16 px label's height. */
export function laneHeight(nodeCount: number): number {
  if (nodeCount <= 6) return 40;
  return Math.max(22, Math.min(40, Math.floor(260 / nodeCount)));
}

/** A filled triangle whose tip is at (x1, y1), pointing along the line from (x0, y0). */
export function arrowHeadPath(x0: number, y0: number, x1: number, y1: number, size = 9): string {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const back = angle + Math.PI;
  const spread = 0.45;
  const ax = x1 + size * Math.cos(back - spread);
  const ay = y1 + size * Math.sin(back - spread);
  const bx = x1 + size * Math.cos(back + spread);
  const by = y1 + size * Math.sin(back + spread);
  return `M${r(x1)},${r(y1)}L${r(ax)},${r(ay)}L${r(bx)},${r(by)}Z`;
}

/** An ✕ centred on (x, y). */
export function crossPath(x: number, y: number, size = 7): string {
  return `M${r(x - size)},${r(y - size)}L${r(x + size)},${r(y + size)}M${r(x + size)},${r(y - size)}L${r(x - size)},${r(y + size)}`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}
