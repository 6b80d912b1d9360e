// The replica machine, model-based: paths generated with xstate/graph (a
// write, a substitute's write, a read, a repair, a handed-off hint, hints
// kept for a home, peers found down and back, a kill, a revive), with and
// without hinted handoff, each replayed on a real actor, and checked against
// what replica.ts promises, its hint replay children included.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { replayChildId, replayMessage } from '../hintedHandoff';
import type { Hint } from '../storage';
import type { NodeId } from '../types';
import type { Sibling } from '../versions';
import { covered, modelPaths, ofType, replay, stateIdsOf, transitionsOf, withOwnSelf, type ModelPath, type Replayed } from './modelTestkit';
import type { DiskView, Effect } from './protocol';
import { replica, type ReplicaEvent, type ReplicaInput } from './replica';

type Replica = typeof replica;

const copy: Sibling[] = [{ value: 'v', writeId: 1, ts: 1 }];
const hint = (id: string, home: NodeId): Hint => ({ id, key: `k-${id}`, for: home, siblings: copy });
/** Hints this node holds: two for b, one for c. */
const held: Record<NodeId, Hint[]> = { b: [hint('a#1', 'b'), hint('a#2', 'b')], c: [hint('a#3', 'c')] };
const disk: DiskView = {
  get: () => copy,
  viewOf: () => copy,
  hintsFor: (home) => held[home] ?? [],
  hintHomes: () => Object.keys(held).sort(),
  nextCounter: () => 1,
  tree: () => undefined,
  keysInLeaf: () => [],
};

const cases: { name: string; input: ReplicaInput }[] = [
  { name: 'with hinted handoff', input: { node: 'a', hintedHandoff: true, requestTimeoutMs: 100 } },
  { name: 'without hinted handoff', input: { node: 'a', hintedHandoff: false, requestTimeoutMs: 100 } },
];

/** Messages from the coordinator x (a write for itself, as a substitute for
 *  c, and one tagged for itself), a read, a repair, a hint handed over by h;
 *  hints kept for b or c; b or c found down or back; a kill; a revive. */
function events(_: SnapshotFrom<Replica>): ReplicaEvent[] {
  const at = { now: 0, disk };
  const msg = { req: 4, key: 'k' };
  return [
    { type: 'write', from: 'x', ...at, msg: { type: 'write', ...msg, siblings: copy } },
    { type: 'write', from: 'x', ...at, msg: { type: 'write', ...msg, siblings: copy, hintFor: 'c' } },
    { type: 'write', from: 'x', ...at, msg: { type: 'write', ...msg, siblings: copy, hintFor: 'a' } },
    { type: 'read', from: 'x', ...at, msg: { type: 'read', ...msg } },
    { type: 'repair', from: 'x', ...at, msg: { type: 'repair', ...msg, siblings: copy } },
    { type: 'replay', from: 'h', ...at, msg: { type: 'replay', hint: 'h#1', key: 'k', siblings: copy } },
    ...['b', 'c'].flatMap((peer): ReplicaEvent[] => [
      { type: 'HAND_OFF', home: peer, ...at },
      { type: 'PEER_DOWN', peer, now: 0 },
      { type: 'PEER_UP', peer, ...at },
    ]),
    { type: 'KILL', now: 0 },
    { type: 'REVIVE', knownDown: [], ...at },
    { type: 'REVIVE', knownDown: ['c'], ...at },
  ];
}

interface Run {
  input: ReplicaInput;
  path: ModelPath<Replica>;
  steps: Replayed<Replica>[];
}

let memo: Run[] | undefined;
function runs(): Run[] {
  memo ??= cases.flatMap(({ input }) => {
    // While up, the replays it started tell states apart too: a peer found
    // down, a kill or more hints do something else while one runs.
    const model = { input, events, logic: withOwnSelf(replica), distinguish: (s: SnapshotFrom<Replica>) => (s.value === 'up' ? Object.keys(s.children).sort() : null) };
    return modelPaths(replica, model).map((path) => ({ input, path, steps: replay(replica, model, path, { clocked: false }) }));
  });
  return memo;
}

interface Belief {
  up: boolean;
  knownDown: NodeId[];
  /** Homes whose hints are being handed over. */
  replaying: NodeId[];
}

/** What the events say before step `i`: up or down, the peers known down,
 *  the homes being handed their hints (none acks in these paths). */
function before(run: Run, i: number): Belief {
  const b: Belief = { up: true, knownDown: [], replaying: [] };
  const handOff = (homes: readonly NodeId[]) => {
    if (!run.input.hintedHandoff) return;
    for (const h of homes) if (!b.knownDown.includes(h) && (held[h] ?? []).length > 0 && !b.replaying.includes(h)) b.replaying.push(h);
  };
  for (const s of run.steps.slice(1, i)) {
    const e = s.event as ReplicaEvent;
    if (!b.up) {
      if (e.type === 'REVIVE') {
        [b.up, b.knownDown] = [true, [...e.knownDown]];
        handOff(disk.hintHomes());
      }
      continue;
    }
    if (e.type === 'KILL') [b.up, b.replaying] = [false, []];
    else if (e.type === 'PEER_DOWN') {
      if (!b.knownDown.includes(e.peer)) b.knownDown.push(e.peer);
      b.replaying = b.replaying.filter((h) => h !== e.peer);
    } else if (e.type === 'PEER_UP') {
      b.knownDown = b.knownDown.filter((p) => p !== e.peer);
      handOff([e.peer]);
    } else if (e.type === 'HAND_OFF') handOff([e.home]);
  }
  return b;
}

const childrenOf = (step: Replayed<Replica>) => Object.keys(step.snapshot.children).sort();

describe('replica, model-based (xstate/graph)', () => {
  it('the generated paths reach every state and take every transition of the definition', () => {
    const c = covered(replica, runs().map((r) => r.steps));
    expect(c.states).toEqual(stateIdsOf(replica));
    expect(c.transitions).toEqual([...transitionsOf(replica).values()].sort());
  });

  it('while up, acks every write, answers every read from its disk, takes repairs and hints; while down, does nothing', () => {
    for (const run of runs()) {
      for (const step of run.steps.slice(1)) {
        const e = step.event as ReplicaEvent;
        const { up, knownDown } = before(run, step.index);
        expect(step.snapshot.value, run.path.description).toBe(up ? (e.type === 'KILL' ? 'down' : 'up') : e.type === 'REVIVE' ? 'up' : 'down');
        if (!up) {
          expect(step.effects, run.path.description).toEqual([]);
          if (e.type !== 'REVIVE') expect(step.childEffects).toEqual([]);
          continue;
        }
        let expected: Effect[] = [];
        if (e.type === 'write') {
          const ack: Effect = { type: 'send', to: e.from, msg: { type: 'writeAck', req: e.msg.req, key: e.msg.key } };
          const home = e.msg.hintFor;
          // A substitute keeps the write apart, as a hint for its home, and hands it over if it can.
          if (home !== undefined && home !== run.input.node) {
            expected = [{ type: 'keepHint', key: e.msg.key, home, siblings: e.msg.siblings }, ack, ...(knownDown.includes(home) ? [] : [{ type: 'handOff' as const, home }])];
          } else expected = [{ type: 'store', key: e.msg.key, siblings: e.msg.siblings, cause: 'write' }, ack];
        } else if (e.type === 'read') {
          expected = [{ type: 'send', to: e.from, msg: { type: 'readResp', req: e.msg.req, key: e.msg.key, siblings: disk.viewOf(e.msg.key) } }];
        } else if (e.type === 'repair') {
          expected = [
            { type: 'store', key: e.msg.key, siblings: e.msg.siblings, cause: 'repair' },
            { type: 'send', to: e.from, msg: { type: 'repairAck', req: e.msg.req, key: e.msg.key } },
          ];
        } else if (e.type === 'replay') {
          expected = [
            { type: 'store', key: e.msg.key, siblings: e.msg.siblings, cause: 'replay' },
            { type: 'send', to: e.from, msg: { type: 'replayAck', hint: e.msg.hint, key: e.msg.key } },
          ];
        }
        expect(step.effects, run.path.description).toEqual(expected);
      }
    }
  });

  it('knows which peers are down as the failure detector and a revive tell it', () => {
    for (const run of runs()) {
      for (const step of run.steps.slice(1)) expect(step.snapshot.context.knownDown, run.path.description).toEqual(before(run, step.index + 1).knownDown);
    }
  });

  it('hands a reachable home its hints through one replay per home, sent once; a home found down or a kill ends it', () => {
    for (const run of runs()) {
      for (const step of run.steps) {
        const now = before(run, step.index + 1);
        const was = before(run, step.index);
        expect(childrenOf(step), run.path.description).toEqual(now.replaying.map(replayChildId).sort());
        // A replay that starts sends its home every hint held for it; one running sends nothing again.
        const started = now.replaying.filter((h) => !was.replaying.includes(h) || step.index === 0);
        const sent = ofType(
          step.childEffects.map((c) => c.effect),
          'send',
        );
        expect(sent, run.path.description).toEqual(started.flatMap((h) => held[h]!.map((x) => ({ type: 'send', to: h, msg: replayMessage(x) }))));
        for (const { child, effect } of step.childEffects) expect(child).toBe(replayChildId((effect as Extract<Effect, { type: 'send' }>).to));
      }
    }
  });
});
