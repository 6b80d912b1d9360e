// Messages in flight as labelled glyphs gliding along chords, lost messages
// fading where they died, and the checker's verdicts flashing on a node.
//
// Which messages are in the air changes with the cursor (a React render);
// where they are changes every frame while playing, so a store subscription
// redraws them (STYLE.md "Per-frame animation: subscribe into a ref").
// Position is a pure lerp by (t − sent) / (arrive − sent) along the chord,
// trimmed to the node edges. The glyphs are drawn on a canvas laid over the
// ring (see messageCanvas.ts for why); the verdict flashes and the hover
// tooltip stay SVG.
//
// Glyphs are not focusable: the ring is hidden from assistive technology
// (the node buttons carry the names), and hundreds of moving tab stops would
// bury the controls. Pointer users hover a glyph for its payload; keyboard
// and screen-reader users read the same facts (kind, from → to, payload,
// times) in the event log, which is in the tab order.

import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useAppStore } from '../context';
import type { AppRun } from '../state/run';
import type { AppState } from '../state/store';
import { BOX, messageProgress, pointAt, RADIUS, type RingLayout } from '../geometry/ringLayout';
import { dropProgress, trimmedChord, type Chord } from '../geometry/messagePath';
import { dropsSince, flightsAt, typicalLatencyMs, upperBound, traceIndexOf, type MessageInfo, type VerdictInfo } from '../traceIndex';
import { GLYPH_HEIGHT, KIND_INFO, glyphWidth } from '../messageKinds';
import { clip, formatCount, formatMs, isolate } from '../format';
import { summarize } from '../../sim/messages';
import { drawGlyph, drawTrail, makePainter, type Painter } from './messageCanvas';
import './messages.css';

/** Above this many messages in flight, the dotted path lines are left out: they would only be noise. */
const TRAIL_MAX = 60;
/** At most this many glyphs are drawn (the latest sent); the rest are counted. */
const GLYPHS_MAX = 2_000;
/** A verdict stays flagged on the ring for this many events after it, or this long in virtual time. */
const VERDICT_HOLD_EVENTS = 4;
const VERDICT_HOLD_MS = 20;

interface Glyph {
  m: MessageInfo;
  chord: Chord;
}

interface DropMark {
  m: MessageInfo;
  x: number;
  y: number;
}

/** What the per-frame drawing needs, refreshed after every render. */
interface Live {
  run: AppRun;
  /** The cursor these flights belong to. */
  cursor: number;
  flights: Glyph[];
  drops: DropMark[];
  reduced: boolean;
  fadeMs: number;
  hover: Glyph | null;
  painter: Painter | null;
  tip: HTMLDivElement | null;
}

export interface MessageLayerProps {
  layout: RingLayout;
  run: AppRun;
  /** Kernel events applied (the Timeline's value). */
  cursor: number;
  /** Virtual time to draw at. A change of time alone does not re-render the
   *  layer: between cursor moves it follows the store itself. */
  timeMs: number;
}

export const MessageLayer = memo(function MessageLayer({ layout, run, cursor, timeMs }: MessageLayerProps) {
  const store = useAppStore();
  const index = traceIndexOf(run.kernel.trace);
  const reduced = usePrefersReducedMotion();
  const theme = useThemeVersion();
  const cursorMs = run.timeline.eventTimes[cursor] ?? 0;
  const fadeMs = dropFadeMs(run);
  const [hoverId, setHoverId] = useState<number | null>(null);
  // The canvas lives in the stage beside the ring's SVG (HTML cannot sit inside SVG).
  const [host, setHost] = useState<HTMLElement | null>(null);
  const anchor = useCallback((g: SVGGElement | null) => setHost(g?.ownerSVGElement?.parentElement ?? null), []);
  const size = useElementSize(host);

  const glyphOf = useMemo(() => glyphMaker(layout), [layout]);
  const flights = useMemo<Glyph[]>(() => flightsAt(index, cursor, cursorMs, GLYPHS_MAX).map(glyphOf), [index, cursor, cursorMs, glyphOf]);
  const inFlight = run.timeline.at(cursor).inFlight.size;
  const drops = useMemo<DropMark[]>(
    () =>
      dropsSince(index, cursor, cursorMs - fadeMs).map((m) => {
        const c = chordOf(layout, m);
        const p = dropProgress(m.sentMs, m.arriveMs, m.endMs ?? m.arriveMs);
        return { m, x: c.x0 + (c.x1 - c.x0) * p, y: c.y0 + (c.y1 - c.y0) * p };
      }),
    [index, cursor, cursorMs, fadeMs, layout],
  );
  const verdicts = useMemo(() => recentVerdicts(index.verdicts, cursor, cursorMs), [index, cursor, cursorMs]);
  const hover = hoverId === null ? null : (flights.find((g) => g.m.id === hoverId) ?? null);

  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const painterRef = useRef<{ key: string; painter: Painter | null } | null>(null);
  const live = useRef<Live | null>(null);

  // After every render: refresh what is drawn and draw it as it is now.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const key = `${size.width}x${size.height}:${theme}`;
    if (canvas && host && painterRef.current?.key !== key) painterRef.current = { key, painter: makePainter(canvas, host) };
    live.current = { run, cursor, flights, drops, reduced, fadeMs, hover, painter: painterRef.current?.painter ?? null, tip: tipRef.current };
    // A re-render for hover keeps the props of the last cursor move; the store has the time now.
    const s = store.getState();
    draw(live.current, s.cursor === cursor ? timeOf(s, run) : timeMs);
  });

  // Between renders: follow playback time. When the cursor moved, the
  // render that follows draws (with the new messages): one draw per frame.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const l = live.current;
        if (!l || s.cursor !== l.cursor || s.playTimeMs === prev.playTimeMs) return;
        draw(l, timeOf(s, l.run));
      }),
    [store],
  );

  // Hover: the canvas lets the pointer through to the nodes, so the stage is watched instead.
  useEffect(() => {
    if (!host) return;
    const onMove = (e: PointerEvent) => {
      const l = live.current;
      if (!l) return;
      const rect = host.getBoundingClientRect();
      const x = ((e.clientX - rect.left) / rect.width) * BOX;
      const y = ((e.clientY - rect.top) / rect.height) * BOX;
      const s = store.getState();
      const hit = glyphAt(l, x, y, timeOf(s, l.run));
      setHoverId(hit?.m.id ?? null);
    };
    const onLeave = () => setHoverId(null);
    host.addEventListener('pointermove', onMove);
    host.addEventListener('pointerleave', onLeave);
    return () => {
      host.removeEventListener('pointermove', onMove);
      host.removeEventListener('pointerleave', onLeave);
    };
  }, [host, store]);

  const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  return (
    <g ref={anchor} className="messages">
      {verdicts.map((v) => (
        <VerdictFlash key={`${v.e}:${v.kind}:${v.op}`} v={v} layout={layout} />
      ))}
      {inFlight > flights.length && (
        <text className="flights-more" x={500} y={560} textAnchor="middle">
          {`the latest ${formatCount(flights.length)} of ${formatCount(inFlight)} messages in flight are drawn`}
        </text>
      )}
      {host &&
        createPortal(
          <>
            <canvas
              ref={canvasRef}
              className="msg-canvas"
              width={Math.max(1, Math.round(size.width * dpr))}
              height={Math.max(1, Math.round(size.height * dpr))}
              aria-hidden="true"
              // What is drawn, for tests and anyone inspecting the page: "id kind from>to" per message.
              data-count={flights.length}
              data-glyphs={flights.length <= 100 ? flights.map((g) => `${g.m.id} ${KIND_INFO[g.m.kind].label} ${g.m.from}>${g.m.to}`).join(', ') : undefined}
              data-lost={drops.map((d) => `${d.m.id} ${KIND_INFO[d.m.kind].label} ${d.m.from}>${d.m.to}`).join(', ')}
            />
            <div ref={tipRef} className="msg-tip" role="tooltip" hidden={!hover}>
              {hover && <Tooltip m={hover.m} />}
            </div>
          </>,
          host,
        )}
    </g>
  );
}, sameExceptTime);

function sameExceptTime(a: MessageLayerProps, b: MessageLayerProps): boolean {
  return a.layout === b.layout && a.run === b.run && a.cursor === b.cursor;
}

const VERDICT_WORDS: Record<VerdictInfo['kind'], string> = { stale: 'stale read', lost: 'lost write', resurrection: 'resurrection' };

function VerdictFlash({ v, layout }: { v: VerdictInfo; layout: RingLayout }) {
  const node = v.node === null ? undefined : layout.nodes.get(v.node);
  // Without a node to flash, the warning sits in the ring's middle.
  const label = node ? pointAt(node.angle, RADIUS + 122) : { x: 500, y: 500 };
  const anchor = !node || Math.abs(label.x - 500) < 120 ? 'middle' : label.x < 500 ? 'end' : 'start';
  return (
    <g className={`verdict-flash v-${v.kind}`}>
      {node && <circle className="verdict-halo" cx={node.point.x} cy={node.point.y} r={96} />}
      <text className="verdict-label" x={label.x} y={label.y} textAnchor={anchor} dominantBaseline="central">
        {VERDICT_WORDS[v.kind]}
        {v.kind === 'lost' ? ` (${isolate(v.key)})` : ''}
      </text>
    </g>
  );
}

/** The payload of the message under the pointer, as text. */
function Tooltip({ m }: { m: MessageInfo }) {
  return (
    <>
      <span className="msg-tip-head">
        {KIND_INFO[m.kind].label} · {m.from} → {m.to}
      </span>
      <span>{clip(summarize(m.msg, isolate), 60)}</span>
      <span>
        sent {formatMs(m.sentMs)} · due {formatMs(m.arriveMs)}
      </span>
    </>
  );
}

/** A message's glyph on this layout, made once: playback moves the cursor
 *  every frame, and most messages in flight stay the same. */
function glyphMaker(layout: RingLayout): (m: MessageInfo) => Glyph {
  const made = new WeakMap<MessageInfo, Glyph>();
  return (m) => {
    let g = made.get(m);
    if (!g) made.set(m, (g = { m, chord: chordOf(layout, m) }));
    return g;
  };
}

function positionOf(g: Glyph, reduced: boolean, timeMs: number): { x: number; y: number } {
  // Reduced motion: no gliding; a glyph waits at its destination's edge.
  const p = reduced ? 1 : messageProgress(g.m.sentMs, g.m.arriveMs, timeMs);
  return { x: g.chord.x0 + (g.chord.x1 - g.chord.x0) * p, y: g.chord.y0 + (g.chord.y1 - g.chord.y0) * p };
}

/** Draw every glyph where it is at `timeMs`, with a dotted line to where it
 *  is going, and the lost ones fading. */
function draw(l: Live, timeMs: number): void {
  if (l.painter) {
    const p = l.painter;
    const { ctx } = p;
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    if (l.flights.length <= TRAIL_MAX || l.reduced) {
      ctx.globalAlpha = 0.7;
      for (const g of l.flights) {
        const at = l.reduced ? { x: g.chord.x0, y: g.chord.y0 } : positionOf(g, false, timeMs);
        drawTrail(p, g.m.kind, at.x, at.y, g.chord.x1, g.chord.y1);
      }
      ctx.setLineDash([]);
    }
    for (const d of l.drops) {
      ctx.globalAlpha = Math.max(0, Math.min(1, 1 - (timeMs - (d.m.endMs ?? 0)) / l.fadeMs));
      if (ctx.globalAlpha > 0) drawGlyph(p, d.m.kind, 'lost', d.x, d.y);
    }
    ctx.globalAlpha = 1;
    for (const g of l.flights) {
      // Computed inline, not through positionOf: no object per glyph per frame.
      const q = l.reduced ? 1 : messageProgress(g.m.sentMs, g.m.arriveMs, timeMs);
      drawGlyph(p, g.m.kind, g === l.hover ? 'hover' : 'plain', g.chord.x0 + (g.chord.x1 - g.chord.x0) * q, g.chord.y0 + (g.chord.y1 - g.chord.y0) * q);
    }
  }
  if (l.tip && l.hover) {
    // Above the glyph, or below it near the top edge; kept inside the stage sideways.
    const { x, y } = positionOf(l.hover, l.reduced, timeMs);
    const above = y > 200;
    l.tip.style.left = `${(Math.max(150, Math.min(BOX - 150, x)) / BOX) * 100}%`;
    l.tip.style.top = `${((above ? y - GLYPH_HEIGHT / 2 - 6 : y + GLYPH_HEIGHT / 2 + 6) / BOX) * 100}%`;
    l.tip.classList.toggle('below', !above);
  }
}

/** The topmost glyph under a point (in ring-box units), if any. */
function glyphAt(l: Live, x: number, y: number, timeMs: number): Glyph | null {
  for (let i = l.flights.length - 1; i >= 0; i--) {
    const g = l.flights[i]!;
    const at = positionOf(g, l.reduced, timeMs);
    if (Math.abs(at.x - x) <= glyphWidth(KIND_INFO[g.m.kind].label) / 2 + 4 && Math.abs(at.y - y) <= GLYPH_HEIGHT / 2 + 4) return g;
  }
  return null;
}

function timeOf(s: AppState, run: AppRun): number {
  return s.playTimeMs ?? run.timeline.eventTimes[s.cursor] ?? 0;
}

function chordOf(layout: RingLayout, m: MessageInfo): Chord {
  const a = layout.nodes.get(m.from)?.point ?? { x: 500, y: 500 };
  const b = layout.nodes.get(m.to)?.point ?? { x: 500, y: 500 };
  return trimmedChord(a, b);
}

/** How long a lost message's cross stays, in virtual time: a few hops. */
export function dropFadeMs(run: AppRun): number {
  return Math.max(4, 3 * typicalLatencyMs(run.scenario.network.latency));
}

function recentVerdicts(verdicts: readonly VerdictInfo[], cursor: number, cursorMs: number): VerdictInfo[] {
  const out: VerdictInfo[] = [];
  for (let i = upperBound(verdicts, cursor, (v) => v.e) - 1; i >= 0; i--) {
    const v = verdicts[i]!;
    if (cursor - v.e > VERDICT_HOLD_EVENTS && cursorMs - v.t > VERDICT_HOLD_MS) break;
    out.push(v);
  }
  return out.reverse();
}

/** An element's size in CSS pixels, followed as it resizes. */
function useElementSize(el: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setSize((s) => (s.width === box.width && s.height === box.height ? s : { width: box.width, height: box.height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return size;
}

const REDUCED_QUERY = '(prefers-reduced-motion: reduce)';

/** The page's one reduced-motion query and its answer, kept current by its
 *  change event. Asked once: a new matchMedia on every render made Chromium
 *  bring the page's style up to date in the middle of each render (~25 ms
 *  when a lesson opens). */
let reducedQuery: MediaQueryList | null = null;
let reduced = false;

function reducedMotionQuery(): MediaQueryList | null {
  if (reducedQuery === null && typeof matchMedia === 'function') {
    reducedQuery = matchMedia(REDUCED_QUERY);
    reduced = reducedQuery.matches;
    reducedQuery.addEventListener('change', (e) => {
      reduced = e.matches;
    });
  }
  return reducedQuery;
}

function subscribeReduced(onChange: () => void): () => void {
  const mq = reducedMotionQuery();
  if (!mq) return () => {};
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

function prefersReducedMotion(): boolean {
  reducedMotionQuery();
  return reduced;
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribeReduced, prefersReducedMotion, () => false);
}

/** Bumped whenever the colours may have changed: the system's light/dark
 *  preference, or the page's data-theme attribute. The sprites are redrawn.
 *  Not the root's inline style: the page keeps its bars' heights there
 *  (useHeightVar.ts), which change no colour, and redrawing for each (a
 *  forced style recalculation to read the colours) held up the first frame
 *  of a lesson. */
let themeVersion = 0;

function subscribeTheme(onChange: () => void): () => void {
  const bump = () => {
    themeVersion++;
    onChange();
  };
  const mq = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  mq?.addEventListener('change', bump);
  const observer = typeof MutationObserver === 'undefined' ? null : new MutationObserver(bump);
  observer?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
  return () => {
    mq?.removeEventListener('change', bump);
    observer?.disconnect();
  };
}

function useThemeVersion(): number {
  return useSyncExternalStore(
    subscribeTheme,
    () => themeVersion,
    () => 0,
  );
}
