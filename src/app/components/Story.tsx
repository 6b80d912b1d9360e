// The story zone, below the time strip: the space-time diagram and the
// event log, both following the Timeline and moving it when clicked. It
// can be hidden ("Hide story" / "Show story") to give the ring the room.
//
// The views follow the page as a deferred value: React finishes a frame of
// the ring before it redraws them, so they never hold up the animation, nor
// the first frame of another scenario or a lesson (the story of a new run,
// 150 log entries and the monitoring plots, is drawn just after it). While
// playing, they follow the cursor a few times a second, not every frame.
// Paused, they follow every step at once.

import { lazy, Suspense, useDeferredValue, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useAppState, useAppStore } from '../context';
import { horizon } from '../lessons/questionGate';
import { useRun } from '../state/derived';
import type { AppStore } from '../state/store';
import './story.css';

const StoryBody = lazy(() => import('./StoryBody'));

export function Story() {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const store = useAppStore();
  const [follower] = useState(() => new CursorFollower(store));
  const run = useRun();
  const cursor = useSyncExternalStore(follower.subscribe, follower.get);
  // In a lesson, the log shows nothing beyond the open question.
  const limit = useAppState(horizon);
  // Run, cursor and limit are deferred together, so the views never mix one
  // run's events with another's (and the cursor, which lags the store's
  // while playing, is clamped to its run all the same).
  const shown = useDeferredValue(useMemo(() => ({ run, cursor, horizon: limit }), [run, cursor, limit]));
  return (
    <section className="story" aria-label="Story">
      <div className="story-head">
        <h2>Story</h2>
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {open ? 'Hide story' : 'Show story'}
        </button>
      </div>
      <div id={bodyId} className="story-body" hidden={!open}>
        {open && (
          <Suspense fallback={<p className="hint-text">Loading the space-time diagram and the event log…</p>}>
            <StoryBody run={shown.run} cursor={Math.min(shown.cursor, shown.run.events)} horizon={shown.horizon} />
          </Suspense>
        )}
      </div>
    </section>
  );
}

/** While playing, time between two redraws of the story. */
const PLAYING_REDRAW_MS = 200;

/** The store's cursor, passed on at once when paused and at most every
 *  PLAYING_REDRAW_MS while playing. */
class CursorFollower {
  private value: number;

  constructor(private readonly store: AppStore) {
    this.value = store.getState().cursor;
  }

  get = (): number => this.value;

  subscribe = (onChange: () => void): (() => void) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      const cursor = this.store.getState().cursor;
      if (cursor !== this.value) {
        this.value = cursor;
        onChange();
      }
    };
    const unsubscribe = this.store.subscribe((s) => {
      if (!s.playing) {
        if (timer !== null) clearTimeout(timer);
        publish();
      } else if (timer === null) timer = setTimeout(publish, PLAYING_REDRAW_MS);
    });
    publish();
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  };
}
