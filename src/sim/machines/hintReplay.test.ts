// The hint replay machine, model-based: paths generated with xstate/graph
// (acks for each hint, duplicates and acks for hints never sent included,
// hints found later, the home found unreachable, a crash, the retry timer),
// each replayed on a real actor on a simulated clock, and checked against
// what hintReplay.ts promises.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { replayMessage, retryDelayMs } from '../hintedHandoff';
import type { Hint } from '../storage';
import { hintReplay, type ReplayEvent, type ReplayInput } from './hintReplay';
import { covered, emptyDisk, modelPaths, ofType, replay, stateIdsOf, transitionsOf, type ModelPath, type Replayed } from './modelTestkit';

type Replay = typeof hintReplay;

const hint = (id: string, key: string): Hint => ({ id, key, for: 'n2', siblings: [{ value: `v-${key}`, writeId: 1, ts: 1 }] });
const h1 = hint('n1#1', 'k1');
const h2 = hint('n1#2', 'k2');
/** A hint kept for the same home while the replay runs. */
const late = hint('n1#3', 'k3');

const cases: { name: string; input: ReplayInput }[] = [
  { name: 'two hints for n2, retried every 50 ms', input: { holder: 'n1', home: 'n2', hints: [h1, h2], requestTimeoutMs: 50 } },
  { name: 'one hint, requestTimeoutMs 0 (retried every 1 ms)', input: { holder: 'n1', home: 'n2', hints: [h1], requestTimeoutMs: 0 } },
];

/** Acks for each hint (again after it was acked, too), the hints on the
 *  disk offered again with or without one kept since, the home found
 *  unreachable, a crash. What the disk holds is what is pending, plus
 *  `late` once kept: it is kept while the first hint is pending and acked
 *  only after it, so it is kept at most once (an ack for it before then is
 *  an ack for a hint never sent). */
function events(snapshot: SnapshotFrom<Replay>): ReplayEvent[] {
  const { home, hints, pending } = snapshot.context;
  const at = { now: 0, disk: emptyDisk };
  const firstPending = pending.some((h) => h.id === hints[0]!.id);
  const ack = (h: Hint): ReplayEvent => ({ type: 'replayAck', from: home, ...at, msg: { type: 'replayAck', hint: h.id, key: h.key } });
  const out: ReplayEvent[] = [...hints.map(ack), { type: 'MORE', hints: pending, now: 0 }];
  if (firstPending && !pending.some((h) => h.id === late.id)) out.push({ type: 'MORE', hints: [...pending, late], now: 0 });
  if (!firstPending) out.push(ack(late));
  out.push({ type: 'HOME_UNREACHABLE', now: 0 }, { type: 'CRASH', now: 0 });
  return out;
}

interface Run {
  input: ReplayInput;
  path: ModelPath<Replay>;
  steps: Replayed<Replay>[];
}

let memo: Run[] | undefined;
function runs(): Run[] {
  memo ??= cases.flatMap(({ input }) => {
    const model = { input, events };
    return modelPaths(hintReplay, model).map((path) => ({ input, path, steps: replay(hintReplay, model, path, { clocked: false }) }));
  });
  return memo;
}

/** Hints offered to the replay by the end of step `i` (at the start, and by MORE). */
function offeredBy(run: Run, i: number): Hint[] {
  const out = [...run.input.hints];
  for (const s of run.steps.slice(1, i + 1)) {
    const e = s.event as ReplayEvent;
    if (e.type === 'MORE') for (const h of e.hints) if (!out.some((o) => o.id === h.id)) out.push(h);
  }
  return out;
}

const droppedBy = (run: Run, i: number): string[] => run.steps.slice(0, i + 1).flatMap((s) => ofType(s.effects, 'dropHint').map((d) => d.id));

describe('hintReplay, model-based (xstate/graph)', () => {
  it('the generated paths reach every state and take every transition of the definition', () => {
    const c = covered(hintReplay, runs().map((r) => r.steps));
    expect(c.states).toEqual(stateIdsOf(hintReplay));
    expect(c.transitions).toEqual([...transitionsOf(hintReplay).values()].sort());
  });

  it('drops a hint only once the home acked it, only if it was sent, and once each', () => {
    for (const run of runs()) {
      const seen = new Set<string>();
      for (const step of run.steps) {
        for (const { id } of ofType(step.effects, 'dropHint')) {
          const e = step.event as ReplayEvent;
          expect(e.type === 'replayAck' && e.msg.hint === id, run.path.description).toBe(true);
          const sent = run.steps.slice(0, step.index + 1).flatMap((s) => ofType(s.effects, 'send'));
          expect(sent.some((s) => s.msg.type === 'replay' && s.msg.hint === id), run.path.description).toBe(true);
          expect(seen.has(id), run.path.description).toBe(false);
          seen.add(id);
        }
      }
    }
  });

  it('sends each hint to its home as it is offered, and again on each retry exactly what is not acked yet', () => {
    for (const run of runs()) {
      const delay = retryDelayMs(run.input.requestTimeoutMs);
      let entered = 0;
      for (const step of run.steps) {
        const sends = ofType(step.effects, 'send');
        for (const s of sends) expect(s.to).toBe(run.input.home);
        const e = step.event;
        if (step.index === 0 || step.timer) {
          const waiting = offeredBy(run, step.index - 1).filter((h) => !droppedBy(run, step.index - 1).includes(h.id));
          expect(sends.map((s) => s.msg), run.path.description).toEqual((step.index === 0 ? run.input.hints : waiting).map(replayMessage));
          if (step.timer) {
            // The retry fires requestTimeoutMs (at least 1 ms) after the last (re)entry.
            expect(step.at).toBe(entered + delay);
            entered = step.at;
          }
        } else if (e.type === 'MORE') {
          const before = offeredBy(run, step.index - 1).filter((h) => !droppedBy(run, step.index - 1).includes(h.id));
          const added = (e as Extract<ReplayEvent, { type: 'MORE' }>).hints.filter((h) => !before.some((b) => b.id === h.id));
          expect(sends.map((s) => s.msg), run.path.description).toEqual(added.map(replayMessage));
        } else {
          expect(sends).toEqual([]);
        }
      }
    }
  });

  it('is delivered exactly when every hint offered has been acked, and pauses only when the home is unreachable or on a crash', () => {
    for (const run of runs()) {
      for (const step of run.steps) {
        const all = offeredBy(run, step.index);
        const dropped = droppedBy(run, step.index);
        const value = step.snapshot.value;
        if (value === 'delivered') expect(all.map((h) => h.id).sort(), run.path.description).toEqual([...dropped].sort());
        else if (value === 'handingOff') expect(dropped.length).toBeLessThan(all.length);
        if (value === 'paused') {
          const entered = run.steps.find((s) => s.snapshot.value === 'paused')!;
          expect(['HOME_UNREACHABLE', 'CRASH']).toContain(entered.event.type);
          expect(entered.effects).toEqual([]);
        }
        // One retry timer while handing off, none once over.
        expect(step.timers).toBe(step.snapshot.status === 'done' ? 0 : 1);
      }
    }
  });
});
