// The coordinator machine, model-based: paths generated with xstate/graph
// (a client's put and get, peers found down and back, a kill, a revive with
// what the node then knows), for a home replica and an outsider, each
// replayed on a real actor, and checked against what coordinator.ts promises:
// one request machine per operation, planned around the peers it knows down.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { NodeId } from '../types';
import type { Sibling } from '../versions';
import { coordinator, type CoordinatorEvent, type CoordinatorInput } from './coordinator';
import { covered, modelPaths, ofType, replay, stateIdsOf, transitionsOf, type ModelPath, type Replayed } from './modelTestkit';
import type { DiskView, Effect } from './protocol';

type Coordinator = typeof coordinator;

const homes = ['a', 'b', 'c'];
const extended = ['a', 'b', 'c', 'd', 'e'];
/** k on the coordinator's disk: a version the client's context has seen, and one concurrent with it. */
const seen: Sibling = { value: 'held', writeId: 3, ts: 3, dot: { node: 'b', counter: 2 }, past: {} };
const concurrent: Sibling = { value: 'other', writeId: 4, ts: 4, dot: { node: 'c', counter: 1 }, past: {} };
const held: Sibling[] = [seen, concurrent];
const disk: DiskView = {
  get: (key) => (key === 'k' ? held : undefined),
  viewOf: (key) => (key === 'k' ? held : []),
  hintsFor: () => [],
  hintHomes: () => [],
  // b's next counter for k: its copy witnesses b:1..2, so b may mint b:3.
  nextCounter: () => 3,
  tree: () => undefined,
  keysInLeaf: () => [],
};

const cases: { name: string; input: CoordinatorInput }[] = [
  {
    name: 'a home replica, strict quorum, LWW, hinted handoff',
    input: { node: 'a', cluster: { conflicts: 'lww', sloppyQuorum: false, hintedHandoff: true, readRepair: 'async', requestTimeoutMs: 100 } },
  },
  {
    name: 'a home replica, strict quorum, vector mode, no hinted handoff',
    input: { node: 'b', cluster: { conflicts: 'vector', sloppyQuorum: false, hintedHandoff: false, readRepair: 'off', requestTimeoutMs: 100 } },
  },
  {
    name: 'an outsider, sloppy quorum, vector mode',
    input: { node: 'd', cluster: { conflicts: 'vector', sloppyQuorum: true, hintedHandoff: true, readRepair: 'blocking', requestTimeoutMs: 80 } },
  },
];

const WRITE = 11;
const READ = 12;

/** A put and a get of k, b and c found down or back, a kill, a revive
 *  knowing nothing down or knowing c down. */
function events(_: SnapshotFrom<Coordinator>): CoordinatorEvent[] {
  const request = { key: 'k', homes, extended, now: 5, disk };
  return [
    { type: 'CLIENT_WRITE', op: WRITE, ...request, value: 'v', w: 2, context: { b: 2 }, clock: 7 },
    { type: 'CLIENT_READ', op: READ, ...request, r: 2 },
    ...['b', 'c'].flatMap((peer): CoordinatorEvent[] => [
      { type: 'PEER_DOWN', peer, now: 5 },
      { type: 'PEER_UP', peer, now: 5, disk },
    ]),
    { type: 'KILL', now: 5 },
    { type: 'REVIVE', knownDown: [], now: 5, disk },
    { type: 'REVIVE', knownDown: ['c'], now: 5, disk },
  ];
}

interface Run {
  input: CoordinatorInput;
  path: ModelPath<Coordinator>;
  steps: Replayed<Coordinator>[];
}

let memo: Run[] | undefined;
function runs(): Run[] {
  memo ??= cases.flatMap(({ input }) => {
    const model = { input, events };
    return modelPaths(coordinator, model).map((path) => ({ input, path, steps: replay(coordinator, model, path, { clocked: false }) }));
  });
  return memo;
}

/** Up, and the peers known down, before step `i`, as the events say. */
function before(run: Run, i: number): { up: boolean; knownDown: NodeId[] } {
  let up = true;
  let knownDown: NodeId[] = [];
  for (const s of run.steps.slice(1, i)) {
    const e = s.event as CoordinatorEvent;
    if (!up) {
      if (e.type === 'REVIVE') [up, knownDown] = [true, [...e.knownDown]];
      continue;
    }
    if (e.type === 'KILL') up = false;
    else if (e.type === 'PEER_DOWN' && !knownDown.includes(e.peer)) knownDown.push(e.peer);
    else if (e.type === 'PEER_UP') knownDown = knownDown.filter((p) => p !== e.peer);
  }
  return { up, knownDown };
}

type Start = Extract<Effect, { type: 'startRequest' }>;

describe('coordinator, model-based (xstate/graph)', () => {
  it('the generated paths reach every state and take every transition of the definition', () => {
    const c = covered(coordinator, runs().map((r) => r.steps));
    expect(c.states).toEqual(stateIdsOf(coordinator));
    expect(c.transitions).toEqual([...transitionsOf(coordinator).values()].sort());
  });

  it('while up, starts exactly one request per client request; while down, does nothing; a kill fails the open requests', () => {
    for (const run of runs()) {
      for (const step of run.steps.slice(1)) {
        const e = step.event as CoordinatorEvent;
        const { up } = before(run, step.index);
        expect(step.snapshot.value, run.path.description).toBe(up ? (e.type === 'KILL' ? 'down' : 'up') : e.type === 'REVIVE' ? 'up' : 'down');
        const starts = ofType(step.effects, 'startRequest');
        if (up && (e.type === 'CLIENT_WRITE' || e.type === 'CLIENT_READ')) {
          expect(starts.map((s) => [s.request.kind, s.request.input.op])).toEqual([[e.type === 'CLIENT_WRITE' ? 'write' : 'read', e.op]]);
          expect(step.effects.length).toBe(1);
        } else if (up && e.type === 'KILL') {
          expect(step.effects).toEqual([{ type: 'crashRequests' }]);
        } else {
          expect(step.effects, run.path.description).toEqual([]);
        }
      }
    }
  });

  it('plans each request around the peers it knows down: none of them is a target, and a strict quorum skips the homes among them', () => {
    for (const run of runs()) {
      const { node, cluster } = run.input;
      for (const step of run.steps.slice(1)) {
        for (const { request } of ofType(step.effects, 'startRequest')) {
          const { knownDown } = before(run, step.index);
          const { plan } = request.input;
          const down = (n: NodeId) => n !== node && knownDown.includes(n);
          expect(plan.targets.filter(down), run.path.description).toEqual([]);
          expect(plan.skipped).toEqual(homes.filter(down));
          if (cluster.sloppyQuorum) {
            expect(plan.targets.length).toBe(homes.length);
            expect(plan.standIns.map(([, home]) => home)).toEqual(plan.skipped);
            for (const [sub] of plan.standIns) expect(homes).not.toContain(sub);
          } else {
            expect(plan.targets).toEqual(homes.filter((h) => !down(h)));
            expect(plan.standIns).toEqual([]);
          }
          if (request.kind === 'write') expect(request.input.knownUnreachable).toEqual(knownDown);
        }
      }
    }
  });

  it("a write carries the client's value, W and the cluster's settings, and keeps the coordinator's copy as its part in the plan says", () => {
    for (const run of runs()) {
      const { node, cluster } = run.input;
      const writes = run.steps.flatMap((s) => ofType(s.effects, 'startRequest')).filter((s): s is Start & { request: { kind: 'write' } } => s.request.kind === 'write');
      for (const { request } of writes) {
        const w = request.input;
        expect(w).toMatchObject({ op: WRITE, node, key: 'k', w: 2, sloppy: cluster.sloppyQuorum, timeoutMs: cluster.requestTimeoutMs, now: 5 });
        expect(w.coordinatorHints).toBe(cluster.hintedHandoff && !cluster.sloppyQuorum);
        const standsIn = w.plan.standIns.some(([sub]) => sub === node);
        expect(w.local).toBe(!w.plan.targets.includes(node) ? 'none' : standsIn ? 'hint' : 'store');
        expect(w.written).toMatchObject({ value: 'v', writeId: WRITE, ts: 7 });
        expect(w.vector).toBe(cluster.conflicts === 'vector');
        if (w.vector) {
          // A dot of its own counter when it stores the key (its copy
          // witnesses the earlier ones); else one under an id for this write.
          expect(w.written.dot).toEqual(w.local === 'store' ? { node, counter: 3 } : { node: `${node}/${WRITE}`, counter: 1 });
          expect(w.written.past).toEqual({ b: 2 });
          expect(w.claim).toBe(w.local === 'store' ? 3 : null);
          // What ships: the merged copy when the coordinator stores the key
          // (the new version beside the sibling its context has not seen), else the version.
          expect(w.shipped).toHaveLength(w.local === 'store' ? 2 : 1);
          expect(w.shipped).toEqual(expect.arrayContaining(w.local === 'store' ? [w.written, concurrent] : [w.written]));
        } else {
          expect(w.claim).toBeNull();
          expect(w.shipped).toEqual([w.written]);
        }
      }
    }
  });

  it("a read carries R, the homes, the cluster's read repair, and the coordinator's own copy when it is a target", () => {
    for (const run of runs()) {
      const { node, cluster } = run.input;
      for (const s of run.steps.flatMap((x) => ofType(x.effects, 'startRequest'))) {
        if (s.request.kind !== 'read') continue;
        const r = s.request.input;
        expect(r).toMatchObject({ op: READ, node, key: 'k', r: 2, homes, readRepair: cluster.readRepair, conflicts: cluster.conflicts, timeoutMs: cluster.requestTimeoutMs });
        expect(r.local).toEqual(r.plan.targets.includes(node) ? held : null);
      }
    }
  });
});
