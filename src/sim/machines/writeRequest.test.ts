// The write machine, model-based: paths generated with xstate/graph from
// representative writes (acks from each target, the coordinator's crash,
// the timeout), each replayed on a real actor on a simulated clock, and
// checked against what writeRequest.ts promises.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Sibling } from '../versions';
import { covered, emptyDisk, modelPaths, ofType, replay, stateIdsOf, transitionsOf, type ModelPath, type Replayed } from './modelTestkit';
import { writeRequest, type WriteContext, type WriteEvent, type WriteInput } from './writeRequest';

type Write = typeof writeRequest;

const written: Sibling = { value: 'v2', writeId: 7, ts: 1000 };
const withDot: Sibling = { ...written, dot: { node: 'a', counter: 4 }, past: { a: 3 } };
const concurrent: Sibling = { value: 'v1', writeId: 5, ts: 900, dot: { node: 'b', counter: 1 }, past: {} };

function write(over: Partial<WriteInput>): WriteInput {
  return {
    op: 7,
    node: 'a',
    key: 'k',
    w: 2,
    plan: { targets: ['a', 'b', 'c'], skipped: [], standIns: [] },
    written,
    shipped: [written],
    local: 'store',
    claim: null,
    vector: false,
    sloppy: false,
    coordinatorHints: true,
    knownUnreachable: [],
    timeoutMs: 100,
    now: 1000,
    ...over,
  };
}

const cases: { name: string; input: WriteInput }[] = [
  { name: 'the coordinator stores its copy, W = 2 of three', input: write({}) },
  { name: 'the coordinator outside the replicas, W = 3, no coordinator hints', input: write({ node: 'x', local: 'none', w: 3, coordinatorHints: false }) },
  {
    name: 'strict quorum, a home known down: a hint for it, W = 2 of the two left',
    input: write({ plan: { targets: ['a', 'b'], skipped: ['c'], standIns: [] }, knownUnreachable: ['c'] }),
  },
  { name: 'unavailable: W = 3 with a home known down', input: write({ w: 3, plan: { targets: ['a', 'b'], skipped: ['c'], standIns: [] }, knownUnreachable: ['c'] }) },
  {
    name: 'sloppy, vector mode: the coordinator stands in for a home, and so does another node',
    input: write({
      node: 'd',
      plan: { targets: ['a', 'd', 'e'], skipped: ['b', 'c'], standIns: [['d', 'b'], ['e', 'c']] },
      local: 'hint',
      sloppy: true,
      coordinatorHints: false,
      vector: true,
      knownUnreachable: ['b', 'c'],
    }),
  },
  { name: 'W = 1, vector mode, the coordinator the only target', input: write({ w: 1, plan: { targets: ['a'], skipped: [], standIns: [] }, vector: true, written: withDot, shipped: [concurrent, withDot], claim: 4 }) },
];

/** Acks from every target but the coordinator (it acks itself by storing),
 *  duplicates included, and the coordinator's crash; each a millisecond
 *  after the last event, before the deadline. */
function events(snapshot: SnapshotFrom<Write>): WriteEvent[] {
  const { op, key, node, plan, lastNow, deadline } = snapshot.context;
  const now = lastNow + 1;
  if (now >= deadline) return [];
  const acks = plan.targets.filter((t) => t !== node).map((from): WriteEvent => ({ type: 'writeAck', from, now, disk: emptyDisk, msg: { type: 'writeAck', req: op, key } }));
  return [...acks, { type: 'CRASH', now }];
}

interface Run {
  name: string;
  input: WriteInput;
  path: ModelPath<Write>;
  steps: Replayed<Write>[];
}

let memo: Run[] | undefined;
function runs(): Run[] {
  memo ??= cases.flatMap(({ name, input }) => {
    // The time of the last event is left out: the graph closes.
    const model = { input, events, project: ({ lastNow: _, ...rest }: WriteContext) => rest };
    return modelPaths(writeRequest, model).map((path) => ({ name, input, path, steps: replay(writeRequest, model, path, { clocked: true, start: input.now }) }));
  });
  return memo;
}

const effectsOf = (steps: readonly Replayed<Write>[]) => steps.flatMap((s) => s.effects.map((effect) => ({ effect, step: s })));
const passedThrough = (steps: readonly Replayed<Write>[], state: string) => steps.some((s) => s.passed.includes(state));

/** Who has acked by the end of step `i`, as the events say (not the machine). */
function ackedBy(run: Run, i: number): Set<string> {
  const acked = new Set<string>(run.input.local === 'none' ? [] : [run.input.node]);
  for (const s of run.steps.slice(1, i + 1)) if (s.event.type === 'writeAck') acked.add((s.event as Extract<WriteEvent, { type: 'writeAck' }>).from);
  return acked;
}

describe('writeRequest, model-based (xstate/graph)', () => {
  it('the generated paths reach every state and take every transition of the definition', () => {
    const c = covered(writeRequest, runs().map((r) => r.steps));
    expect(c.states).toEqual(stateIdsOf(writeRequest));
    expect(c.transitions).toEqual([...transitionsOf(writeRequest).values()].sort());
  });

  it('answers the client exactly once when it ends, ok if and only if it went through acknowledged', () => {
    for (const run of runs()) {
      const answers = ofType(run.steps.flatMap((s) => s.effects), 'answer');
      const done = run.steps.at(-1)!.snapshot.status === 'done';
      expect(answers.length, run.path.description).toBe(done || passedThrough(run.steps, 'acknowledged') ? 1 : 0);
      if (answers[0]) expect(answers[0].ok, run.path.description).toBe(passedThrough(run.steps, 'acknowledged'));
      for (const a of answers) expect(a.op).toBe(run.input.op);
    }
  });

  it('emits closed exactly once, as its very last effect, when it ends; and nothing after', () => {
    for (const run of runs()) {
      const all = effectsOf(run.steps);
      const closed = all.filter((e) => e.effect.type === 'closed');
      const ended = run.steps.find((s) => s.snapshot.status === 'done');
      expect(closed.length, run.path.description).toBe(ended ? 1 : 0);
      if (!ended) continue;
      expect(all.at(-1), run.path.description).toBe(closed[0]);
      expect(closed[0]!.step, run.path.description).toBe(ended);
      const c = closed[0]!.effect as Extract<typeof closed[0]['effect'], { type: 'closed' }>;
      expect(c.op).toBe(run.input.op);
    }
  });

  it('never answers ok with fewer than W acks, and says how many it had', () => {
    for (const run of runs()) {
      for (const { effect, step } of effectsOf(run.steps)) {
        if (effect.type !== 'answer' || !effect.ok) continue;
        const acked = ackedBy(run, step.index);
        expect(acked.size, run.path.description).toBeGreaterThanOrEqual(run.input.w);
        expect(effect.why).toEqual({ kind: 'quorum', quorum: 'W', got: acked.size, of: run.input.plan.targets.length, need: run.input.w });
        // Its own value under LWW; in vector mode every sibling it stands beside.
        expect(effect.values).toEqual((run.input.vector ? run.input.shipped : [written]).map((s) => s.value));
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
      const why = (effect as Extract<typeof effect, { type: 'answer' }>).why;
      if (why.kind === 'unavailable') {
        expect(step.index).toBe(0);
        expect(run.input.plan.targets.length).toBeLessThan(run.input.w);
        // Refused before anything went out.
        expect(step.effects.map((e) => e.type)).toEqual(['answer', 'closed']);
      } else if (why.kind === 'timeout') {
        expect(step.timer, run.path.description).toBe(true);
        expect(step.at).toBe(run.input.now + run.input.timeoutMs);
        expect(ackedBy(run, step.index).size).toBeLessThan(run.input.w);
      } else {
        expect(why.kind).toBe('coordinatorCrashed');
        expect(step.event.type).toBe('CRASH');
      }
    }
  });

  it('sends the version to every other target once, keeps its own copy as the plan says, and hints what cannot be written', () => {
    for (const run of runs()) {
      const start = run.steps[0]!;
      const { input } = run;
      if (input.plan.targets.length < input.w) continue;
      const sends = ofType(start.effects, 'send');
      expect(start.effects[0]).toEqual({ type: 'sent', op: input.op, plan: input.plan });
      expect(sends.map((s) => s.to)).toEqual(input.plan.targets.filter((t) => t !== input.node));
      for (const s of sends) {
        const home = input.plan.standIns.find(([sub]) => sub === s.to)?.[1];
        expect(s.msg).toEqual({ type: 'write', req: input.op, key: input.key, siblings: input.shipped, ...(home === undefined ? {} : { hintFor: home }) });
      }
      expect(ofType(start.effects, 'store').length).toBe(input.local === 'store' ? 1 : 0);
      expect(ofType(start.effects, 'claimDot')).toEqual(input.claim === null ? [] : [{ type: 'claimDot', key: input.key, counter: input.claim }]);
      const ownHome = input.plan.standIns.find(([sub]) => sub === input.node)?.[1];
      const startHints = ofType(start.effects, 'keepHint').map((h) => h.home);
      expect(startHints).toEqual([...(input.local === 'hint' ? [ownHome] : []), ...(input.coordinatorHints ? input.plan.skipped : [])]);
      // Later steps send nothing more.
      for (const s of run.steps.slice(1)) expect(ofType(s.effects, 'send')).toEqual([]);
    }
  });

  it('at the timeout, under coordinator hints, keeps a hint for each target that did not ack and hands over those not known down', () => {
    for (const run of runs()) {
      for (const step of run.steps.filter((s) => s.timer)) {
        const missing = run.input.plan.targets.filter((t) => !ackedBy(run, step.index).has(t));
        expect(ofType(step.effects, 'keepHint').map((h) => h.home), run.path.description).toEqual(run.input.coordinatorHints ? missing : []);
        expect(ofType(step.effects, 'handOff').map((h) => h.home)).toEqual(run.input.coordinatorHints ? missing.filter((m) => !run.input.knownUnreachable.includes(m)) : []);
      }
    }
  });

  it('holds one timer while open, due at the deadline, and none once over', () => {
    for (const run of runs()) {
      for (const step of run.steps) {
        expect(step.timers, run.path.description).toBe(step.snapshot.status === 'done' ? 0 : 1);
        if (step.timer) expect(step.at).toBe(run.input.now + run.input.timeoutMs);
      }
    }
  });
});
