// Compare: the same steps under two settings, side by side, on one
// timeline of virtual time, with the outcomes that differ highlighted.
// Each side has a store of its own; its node buttons are named after its
// side ("Sloppy quorum: n1, up"), so the page keeps one `Node n1, …`
// button per node (contract 3) — the main ring is not shown meanwhile.
//
// Both sides play and step together on one clock of virtual time
// (comparePlayback.ts). The main page's playback buttons are not on the page
// while comparing; these are named for what they do to both sides ("Play
// both"), so no name is ever shared with contract 3's.

import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { SimScenario } from '../../sim/types';
import { StoreContext, useAppState } from '../context';
import { createAppStore } from '../state/store';
import { runOf } from '../state/run';
import { eventAtTime } from '../lessons/stages';
import { compareOutcomes, variantOf, type CompareSpec } from '../lessons/compare';
import { METRIC_WORDS } from './MetricsPanel';
import { RingStage } from './RingStage';
import { formatMs } from '../format';
import { advance, compareKey, createCompareClock, moveTo, pause, play, stepBack, stepForward, type CompareClock } from './comparePlayback';

export function CompareView({ base, spec, onClose }: { base: SimScenario; spec: CompareSpec; onClose: () => void }) {
  const sides = useMemo(() => {
    const make = (side: CompareSpec['a']) => {
      const scenario = variantOf(base, side);
      return { label: side.label, store: createAppStore(scenario), run: runOf(scenario) };
    };
    return [make(spec.a), make(spec.b)] as const;
  }, [base, spec]);
  const clock = useMemo(() => createCompareClock(sides), [sides]);
  const { endMs } = clock;
  const timeMs = useStore(clock.state, (s) => s.timeMs);
  const playing = useStore(clock.state, (s) => s.playing);
  const speed = useAppState((s) => s.speed);
  useCompareLoop(clock, playing, speed);
  const region = useRef<HTMLElement>(null);
  useCompareKeys(clock, region);
  const rows = useMemo(() => compareOutcomes(sides[0].run.report(), sides[1].run.report()), [sides]);
  const metricsA = sides[0].run.timeline.at(eventAtTime(sides[0].run.timeline, timeMs)).metrics;
  const ma = { ...metricsA };
  const mb = { ...sides[1].run.timeline.at(eventAtTime(sides[1].run.timeline, timeMs)).metrics };

  return (
    <section ref={region} className="compare" aria-label={`Compare ${spec.a.label} and ${spec.b.label}`}>
      <header className="compare-head">
        <h2>
          Compare: {spec.a.label} vs {spec.b.label}
        </h2>
        {spec.differs && <p>{spec.differs}</p>}
        <button type="button" onClick={onClose}>
          Close compare
        </button>
      </header>
      <div className="compare-time">
        <div className="time-buttons">
          <button type="button" onClick={() => stepBack(clock)} title="Both sides to the previous moment either has an event (←)">
            Step both back
          </button>
          <button type="button" onClick={() => play(clock)} aria-pressed={playing} title="Play both sides (Space)">
            Play both
          </button>
          <button type="button" onClick={() => pause(clock)} title="Pause both sides (Space)">
            Pause both
          </button>
          <button type="button" onClick={() => stepForward(clock)} title="Both sides to the next moment either has an event (→)">
            Step both forward
          </button>
        </div>
        <input
          type="range"
          aria-label="Compare timeline"
          min={0}
          max={endMs}
          step="any"
          value={timeMs}
          aria-valuetext={formatMs(timeMs)}
          onChange={(e) => moveTo(clock, Number(e.currentTarget.value))}
        />
        <output>{formatMs(timeMs)}</output>
      </div>
      <div className="compare-sides">
        {sides.map((s) => (
          <div key={s.label} className="compare-side">
            <h3>{s.label}</h3>
            <StoreContext.Provider value={s.store}>
              <SideEvents />
              <RingStage nameNode={(id, up) => `${s.label}: ${id}, ${up ? 'up' : 'down'}`} />
            </StoreContext.Provider>
          </div>
        ))}
      </div>
      <table className="compare-table">
        <caption>Outcomes (rows that differ are marked)</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Operation</th>
            <th scope="col">{spec.a.label}</th>
            <th scope="col">{spec.b.label}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.step} className={r.differs ? 'differs' : undefined}>
              <td>{r.step}</td>
              <td>{r.label}</td>
              <td>{r.a}</td>
              <td>
                {r.b}
                {r.differs && <span className="visually-hidden"> (differs)</span>}
              </td>
            </tr>
          ))}
          {METRIC_WORDS.filter(([k]) => ma[k] !== mb[k] || ['staleReads', 'lostWrites', 'resurrections', 'hintsDelivered'].includes(k)).map(([k, words]) => (
            <tr key={k} className={ma[k] !== mb[k] ? 'differs metric-row' : 'metric-row'}>
              <td>—</td>
              <td>{words} (so far)</td>
              <td>{ma[k]}</td>
              <td>
                {mb[k]}
                {ma[k] !== mb[k] && <span className="visually-hidden"> (differs)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Where one side is: its events applied so far, of its run's total. */
function SideEvents() {
  const cursor = useAppState((s) => s.cursor);
  const events = runOf(useAppState((s) => s.scenario)).events;
  return (
    <p className="compare-events">
      event {cursor} of {events}
    </p>
  );
}

/** Advances both sides each frame while playing. */
function useCompareLoop(clock: CompareClock, playing: boolean, speed: number): void {
  useEffect(() => {
    if (!playing) return;
    let last: number | null = null;
    let frame = 0;
    const tick = (now: number) => {
      const dt = last === null ? 0 : Math.min(100, now - last);
      last = now;
      if (advance(clock, dt, speed)) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [clock, playing, speed]);
  // Leaving the view stops playback with it.
  useEffect(() => () => pause(clock), [clock]);
}

/**
 * Space, ← / →, Home / End drive both sides when focus is in the compare
 * view, or on nothing in particular (the page's own shortcuts would move the
 * hidden main Timeline). Listening in the capture phase, before the page's
 * handler, and marking the key handled keeps that one out. A button keeps
 * its Space; the slider's arrows and Home / End step the shared clock.
 */
function useCompareKeys(clock: CompareClock, region: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target instanceof Element ? e.target : null;
      const inRegion = target !== null && region.current?.contains(target) === true;
      const onNothing = target === null || target === document.body || target === document.documentElement;
      if (!inRegion && !onNothing) return;
      if (e.key === ' ' && target?.tagName === 'BUTTON') return;
      if (compareKey(clock, e.key)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [clock, region]);
}
