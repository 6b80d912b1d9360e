// The time strip: playback buttons, speed, the Timeline slider and the
// current virtual time. Names are contract 3: Play, Pause, Step forward,
// Step back, Reset; sliders `Timeline` and `Speed`.

import { useEffect, useRef } from 'react';
import { useAppState, useAppStore } from '../context';
import { pause, play, reset, seek, setSpeed, stepBack, stepForward } from '../state/actions';
import { advance } from '../state/playback';
import { useView } from '../state/derived';
import { formatCount, formatMs } from '../format';
import { TimelineMarkers } from './TimelineMarkers';
import { useHeightVar } from '../layout/useHeightVar';

const SPEED_MIN = -3;
const SPEED_MAX = 7;

export function TimeStrip() {
  const store = useAppStore();
  const playing = useAppState((s) => s.playing);
  const speed = useAppState((s) => s.speed);
  const { run, cursor, timeMs } = useView();
  usePlaybackLoop(playing);
  // Its height keeps the page's scroll padding clear of it (styles.css).
  const strip = useRef<HTMLElement>(null);
  useHeightVar(strip, '--strip-h');
  const multiplier = 2 ** speed;
  return (
    <section ref={strip} className="time-strip" aria-label="Playback">
      <div className="time-buttons">
        <button type="button" onClick={() => reset(store)} title="Back to the start (Home)">
          Reset
        </button>
        <button type="button" onClick={() => stepBack(store)} title="One event back (←)">
          Step back
        </button>
        <button type="button" onClick={() => play(store)} aria-pressed={playing} title="Play (Space)">
          Play
        </button>
        <button type="button" onClick={() => pause(store)} title="Pause (Space)">
          Pause
        </button>
        <button type="button" onClick={() => stepForward(store)} title="One event forward (→)">
          Step forward
        </button>
      </div>
      <label className="timeline">
        <span className="visually-hidden">Timeline</span>
        <input
          type="range"
          aria-label="Timeline"
          min={0}
          max={run.events}
          step={1}
          value={cursor}
          aria-valuetext={`event ${cursor} of ${run.events}, ${formatMs(timeMs)}`}
          onChange={(e) => seek(store, Number(e.currentTarget.value))}
        />
        <TimelineMarkers />
      </label>
      <output className="clock" aria-live="off">
        <span className="clock-time">{formatMs(timeMs)}</span>
        <span className="clock-events">
          event {cursor} / {run.events}
        </span>
      </output>
      {!run.complete && (
        <p className="cap-notice" role="note">
          Stopped after {formatCount(run.events)} events — the scenario goes on.
        </p>
      )}
      <label className="speed">
        <span>Speed ×{multiplier < 1 ? multiplier.toFixed(multiplier < 0.25 ? 3 : 2) : multiplier}</span>
        <input
          type="range"
          aria-label="Speed"
          min={SPEED_MIN}
          max={SPEED_MAX}
          step={1}
          value={speed}
          aria-valuetext={`×${multiplier}`}
          onChange={(e) => setSpeed(store, Number(e.currentTarget.value))}
        />
      </label>
    </section>
  );
}

function usePlaybackLoop(playing: boolean) {
  const store = useAppStore();
  const last = useRef<number | null>(null);
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = (now: number) => {
      const dt = last.current === null ? 0 : Math.min(100, now - last.current);
      last.current = now;
      if (advance(store, dt)) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      last.current = null;
    };
  }, [playing, store]);
}
