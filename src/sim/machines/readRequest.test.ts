// The read machine, model-based: paths generated with xstate/graph from
// representative reads (a reply from each target, a repair ack from each
// replica being repaired, the coordinator's crash, the timeout) in each
// read-repair mode, each replayed on a real actor on a simulated clock, and
// checked against what readRequest.ts promises.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { newest } from '../readRepair';
import type { NodeId } from '../types';
import { isUpToDate, valuesOf, type Sibling } from '../versions';
import { covered, emptyDisk, modelPaths, ofType, replay, stateIdsOf, transitionsOf, type ModelPath, type Replayed } from './modelTestkit';
import type { Effect } from './protocol';
import { readRequest, type ReadContext, type ReadEvent, type ReadInput } from './readRequest';

type Read = typeof readRequest;

const old: Sibling = { value: 'old', writeId: 1, ts: 10 };
const fresh: Sibling = { value: 'new', writeId: 2, ts: 20 };
// Vector mode: `fresh` saw `old`; `other` is concurrent with both.
const vOld: Sibling = { ...old, dot: { node: 'a', counter: 1 }, past: {} };
const vFresh: Sibling = { ...fresh, dot: { node: 'b', counter: 1 }, past: { a: 1 } };
const vOther: Sibling = { value: 'other', writeId: 3, ts: 15, dot: { node: 'c', counter: 1 }, past: {} };

function read(over: Partial<ReadInput>): ReadInput {
  return {
    op: 9,
    node: 'a',
    key: 'k',
    r: 2,
    plan: { targets: ['a', 'b', 'c'], skipped: [], standIns: [] },
    homes: ['a', 'b', 'c'],
    local: null,
    readRepair: 'async',
    conflicts: 'lww',
    sloppy: false,
    timeoutMs: 100,
    now: 2000,
    ...over,
  };
}

interface Case {
  name: string;
  input: ReadInput;
  /** What each replica answers with. */
  copies: Record<NodeId, readonly Sibling[]>;
}

const cases: Case[] = [
  { name: 'async, the coordinator holds a stale copy, R = 2 of three', input: read({ local: [old] }), copies: { b: [fresh], c: [old] } },
  { name: 'blocking, the coordinator outside the replicas, R = 2 of three', input: read({ node: 'x', readRepair: 'blocking' }), copies: { a: [old], b: [fresh], c: [old] } },
  {
    name: "blocking, the coordinator's own copy the only stale one (repaired on its disk)",
    input: read({ readRepair: 'blocking', local: [old] }),
    copies: { b: [fresh], c: [fresh] },
  },
  { name: 'off, R = 2', input: read({ node: 'x', readRepair: 'off' }), copies: { a: [old], b: [fresh], c: [old] } },
  { name: 'async, R = 1', input: read({ node: 'x', r: 1 }), copies: { a: [old], b: [fresh], c: [old] } },
  { name: 'unavailable: R = 3 with a home known down', input: read({ r: 3, plan: { targets: ['a', 'b'], skipped: ['c'], standIns: [] } }), copies: {} },
  {
    name: "sloppy, vector mode, blocking: a substitute's stale reply counts toward R but is not repaired",
    input: read({
      node: 'x',
      readRepair: 'blocking',
      conflicts: 'vector',
      sloppy: true,
      plan: { targets: ['a', 'b', 'd'], skipped: ['c'], standIns: [['d', 'c']] },
    }),
    copies: { a: [vOld, vOther], b: [vFresh], d: [vOld] },
  },
];

/** Replies from every target but the coordinator (duplicates included),
 *  repair acks from the replicas being repaired, and the coordinator's
 *  crash: each a millisecond after the last event, before the deadline; or,
 *  once a timer has fired at the deadline, at that instant. */
function eventsFor(copies: Case['copies']) {
  return (snapshot: SnapshotFrom<Read>): ReadEvent[] => {
    const { op, key, node, plan, repairing, lastNow, deadline } = snapshot.context;
    const now = lastNow + 1 < deadline ? lastNow + 1 : lastNow === deadline ? deadline : undefined;
    if (now === undefined) return [];
    const at = { now, disk: emptyDisk };
    return [
      ...plan.targets.filter((t) => t !== node).map((from): ReadEvent => ({ type: 'readResp', from, ...at, msg: { type: 'readResp', req: op, key, siblings: copies[from] ?? [] } })),
      ...repairing.map((from): ReadEvent => ({ type: 'repairAck', from, ...at, msg: { type: 'repairAck', req: op, key } })),
      { type: 'CRASH', now },
    ];
  };
}

interface Run {
  input: ReadInput;
  copies: Case['copies'];
  path: ModelPath<Read>;
  steps: Replayed<Read>[];
}

let memo: Run[] | undefined;
function runs(): Run[] {
  memo ??= cases.flatMap(({ input, copies }) => {
    // The time of the last event is left out: the graph closes.
    const model = { input, events: eventsFor(copies), project: ({ lastNow: _, ...rest }: ReadContext) => rest };
    return modelPaths(readRequest, model).map((path) => ({ input, copies, path, steps: replay(readRequest, model, path, { clocked: true, start: input.now }) }));
  });
  return memo;
}

interface At {
  effect: Effect;
  step: Replayed<Read>;
}
const effectsOf = (steps: readonly Replayed<Read>[]): At[] => steps.flatMap((step) => step.effects.map((effect) => ({ effect, step })));
const passedThrough = (steps: readonly Replayed<Read>[], state: string) => steps.some((s) => s.passed.includes(state));
const deadline = (input: ReadInput) => input.now + input.timeoutMs;

/** Replies in the order they arrived, by the end of step `i`, as the events say. */
function repliesBy(run: Run, i: number): [NodeId, readonly Sibling[]][] {
  const out: [NodeId, readonly Sibling[]][] = run.input.local === null ? [] : [[run.input.node, run.input.local]];
  for (const s of run.steps.slice(1, i + 1)) {
    const e = s.event as ReadEvent;
    if (e.type === 'readResp' && !out.some(([n]) => n === e.from)) out.push([e.from, e.msg.siblings]);
  }
  return out;
}

/** A repair: a message to a replica, or the coordinator's write to its own copy. */
function repairsIn(run: Run, at: readonly At[]): { node: NodeId; siblings: readonly Sibling[]; step: Replayed<Read> }[] {
  const out: { node: NodeId; siblings: readonly Sibling[]; step: Replayed<Read> }[] = [];
  for (const { effect, step } of at) {
    if (effect.type === 'send' && effect.msg.type === 'repair') out.push({ node: effect.to, siblings: effect.msg.siblings, step });
    if (effect.type === 'store' && effect.cause === 'repair') out.push({ node: run.input.node, siblings: effect.siblings, step });
  }
  return out;
}

describe('readRequest, model-based (xstate/graph)', () => {
  it('the generated paths reach every state and take every transition of the definition', () => {
    const c = covered(readRequest, runs().map((r) => r.steps));
    expect(c.states).toEqual(stateIdsOf(readRequest));
    expect(c.transitions).toEqual([...transitionsOf(readRequest).values()].sort());
  });

  it('answers the client exactly once, ok if and only if it went through answered; closed exactly once, last, when it ends', () => {
    for (const run of runs()) {
      const all = effectsOf(run.steps);
      const answers = all.filter((e) => e.effect.type === 'answer');
      const closed = all.filter((e) => e.effect.type === 'closed');
      const ended = run.steps.find((s) => s.snapshot.status === 'done');
      const answered = passedThrough(run.steps, 'answered');
      expect(answers.length, run.path.description).toBe(ended || answered ? 1 : 0);
      if (answers[0]) expect((answers[0].effect as Extract<Effect, { type: 'answer' }>).ok).toBe(answered);
      expect(closed.length, run.path.description).toBe(ended ? 1 : 0);
      if (ended) {
        expect(all.at(-1)).toBe(closed[0]);
        expect(closed[0]!.step).toBe(ended);
      }
    }
  });

  it('answers ok with the newest of the first R replies', () => {
    for (const run of runs()) {
      for (const { effect } of effectsOf(run.steps)) {
        if (effect.type !== 'answer' || !effect.ok) continue;
        // The replies when R was first met: the step whose microsteps left collecting.
        const decided = run.steps.find((s) => s.passed.includes('answered') || s.passed.includes('repairing'))!;
        const first = repliesBy(run, decided.index);
        expect(first.length, run.path.description).toBe(Math.max(run.input.r, run.input.local === null ? 0 : 1));
        expect(effect.values).toEqual(valuesOf(newest(run.input.conflicts, first)));
        expect(effect.why).toMatchObject({ kind: 'quorum', quorum: 'R', need: run.input.r });
        if (effect.why.kind === 'quorum') expect(effect.why.got).toBeGreaterThanOrEqual(run.input.r);
      }
    }
  });

  it('in blocking mode, never answers before the stale replicas among the first R are repaired and have acked, or the deadline', () => {
    for (const run of runs().filter((r) => r.input.readRepair === 'blocking')) {
      const all = effectsOf(run.steps);
      const answer = all.find((e) => e.effect.type === 'answer' && e.effect.ok);
      if (!answer) continue;
      const before = all.slice(0, all.indexOf(answer));
      const repaired = repairsIn(run, before);
      const decided = run.steps.find((s) => s.passed.includes('answered') || s.passed.includes('repairing'))!;
      const first = repliesBy(run, decided.index);
      const result = newest(run.input.conflicts, first);
      const stale = first.filter(([n, got]) => run.input.homes.includes(n) && !isUpToDate(run.input.conflicts, got, result)).map(([n]) => n);
      expect(repaired.map((r) => r.node), run.path.description).toEqual(stale);
      const timedOut = answer.step.timer && answer.step.at === deadline(run.input);
      for (const { node } of repaired) {
        if (node === run.input.node) continue;
        const acked = run.steps.slice(1, answer.step.index + 1).some((s) => s.event.type === 'repairAck' && (s.event as ReadEvent & { from: NodeId }).from === node);
        expect(acked || timedOut, `${node} unacked: ${run.path.description}`).toBe(true);
      }
    }
  });

  it('repairs only home replicas whose reply was older, each once; async only after the answer; off never', () => {
    for (const run of runs()) {
      const all = effectsOf(run.steps);
      const repairs = repairsIn(run, all);
      const answerAt = all.findIndex((e) => e.effect.type === 'answer');
      if (run.input.readRepair === 'off') expect(repairs).toEqual([]);
      if (run.input.readRepair === 'async') expect(repairsIn(run, all.slice(0, answerAt === -1 ? all.length : answerAt)), run.path.description).toEqual([]);
      expect(new Set(repairs.map((r) => r.node)).size).toBe(repairs.length);
      for (const r of repairs) {
        expect(run.input.homes).toContain(r.node);
        const reply = repliesBy(run, r.step.index).find(([n]) => n === r.node);
        expect(reply, run.path.description).toBeDefined();
        expect(isUpToDate(run.input.conflicts, reply![1], r.siblings)).toBe(false);
      }
    }
  });

  it('fails only as unavailable at the start, on the timeout at the deadline, or on a crash', () => {
    for (const run of runs()) {
      const failed = run.steps.find((s) => s.snapshot.value === 'failed');
      const failures = effectsOf(run.steps).filter(({ effect }) => effect.type === 'answer' && !effect.ok);
      expect(failures.length, run.path.description).toBe(failed ? 1 : 0);
      if (!failed) continue;
      const { effect, step } = failures[0]!;
      expect(step).toBe(failed);
      const why = (effect as Extract<Effect, { type: 'answer' }>).why;
      if (why.kind === 'unavailable') {
        expect(step.index).toBe(0);
        expect(run.input.plan.targets.length).toBeLessThan(run.input.r);
        expect(step.effects.map((e) => e.type)).toEqual(['answer', 'closed']);
      } else if (why.kind === 'timeout') {
        expect(step.timer).toBe(true);
        expect(step.at).toBe(deadline(run.input));
        expect(repliesBy(run, step.index).length).toBeLessThan(run.input.r);
      } else {
        expect(why.kind).toBe('coordinatorCrashed');
        expect(step.event.type).toBe('CRASH');
      }
    }
  });

  it('asks every other target once, at the start', () => {
    for (const run of runs()) {
      const { input } = run;
      const asked = run.steps.flatMap((s) => ofType(s.effects, 'send').filter((e) => e.msg.type === 'read'));
      const available = input.plan.targets.length >= input.r;
      expect(asked.map((s) => s.to)).toEqual(available ? input.plan.targets.filter((t) => t !== input.node) : []);
      expect(ofType(run.steps[0]!.effects, 'sent')).toEqual(available ? [{ type: 'sent', op: input.op, plan: input.plan }] : []);
    }
  });

  it('is over by its deadline: every timer fires at the deadline, and it holds one only while open', () => {
    for (const run of runs()) {
      for (const step of run.steps) {
        if (step.timer) expect(step.at, run.path.description).toBe(deadline(run.input));
        if (step.effects.some((e) => e.type === 'closed')) expect(step.at, run.path.description).toBeLessThanOrEqual(deadline(run.input));
        expect(step.timers, run.path.description).toBe(step.snapshot.status === 'done' ? 0 : 1);
      }
    }
  });
});
