// The anti-entropy machine, model-based: paths generated with xstate/graph
// (a session opened with a peer, or with a node sharing no ranges, the
// periodic tick, a session another node opens, peers found down and back, a
// kill, a revive), each replayed on a real actor, and checked against what
// antiEntropy.ts promises, its Merkle session children included.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { NodeId } from '../types';
import { antiEntropy, sessionId, type AntiEntropyContext, type AntiEntropyEvent, type AntiEntropyInput } from './antiEntropy';
import { covered, emptyDisk, modelPaths, ofType, replay, stateIdsOf, transitionsOf, withOwnSelf, type ModelPath, type Replayed } from './modelTestkit';

type AntiEntropy = typeof antiEntropy;

const input: AntiEntropyInput = { node: 'a', peers: ['b', 'c', 'e'], shared: { b: [0], c: [1], e: [0, 1] }, depth: 2, conflicts: 'lww', timeoutMs: 30 };
/** The session b opens with this node. */
const JOINED = 'b:7';

/** A session opened with b, or with d (which shares no ranges); the tick; b
 *  opening a session here (when none of that name is open); b or c found
 *  down or back; a kill; a revive knowing nothing down, or b and c. */
function events(snapshot: SnapshotFrom<AntiEntropy>): AntiEntropyEvent[] {
  const at = { now: 0, disk: emptyDisk };
  const out: AntiEntropyEvent[] = [
    { type: 'START_SESSION', peer: 'b', ...at },
    { type: 'START_SESSION', peer: 'd', ...at },
    { type: 'AE_TICK', ...at },
    ...['b', 'c'].flatMap((peer): AntiEntropyEvent[] => [
      { type: 'PEER_DOWN', peer, now: 0 },
      { type: 'PEER_UP', peer, ...at },
    ]),
    { type: 'KILL', now: 0 },
    { type: 'REVIVE', knownDown: [], ...at },
    { type: 'REVIVE', knownDown: ['b', 'c'], ...at },
  ];
  if (!(sessionId(JOINED) in snapshot.children)) out.push({ type: 'merkle', from: 'b', ...at, msg: { type: 'merkle', session: JOINED, level: 0, nodes: [] } });
  return out;
}

interface Run {
  path: ModelPath<AntiEntropy>;
  steps: Replayed<AntiEntropy>[];
}

let memo: Run[] | undefined;
function runs(): Run[] {
  // The session counter is left out, so the graph closes; whether it has
  // opened a session that did not end at once tells states apart: a kill
  // does something else while one is open.
  const model = {
    input,
    events,
    logic: withOwnSelf(antiEntropy),
    project: ({ nextSession: _, ...rest }: AntiEntropyContext) => rest,
    distinguish: (s: SnapshotFrom<AntiEntropy>) => Object.values(s.children).some((c) => c?.getSnapshot().status === 'active'),
  };
  memo ??= modelPaths(antiEntropy, model).map((path) => ({ path, steps: replay(antiEntropy, model, path, { clocked: false }) }));
  return memo;
}

interface Belief {
  up: boolean;
  knownDown: NodeId[];
  /** Sessions opened by this node so far, and the tick's next peer. */
  opened: number;
  next: number;
  /** Sessions open (waiting for their peer: none answers in these paths). */
  open: string[];
}

/** The peer the tick picks: the next in turn not known down. */
function pick(b: Belief): NodeId | undefined {
  const n = input.peers.length;
  for (let i = 0; i < n; i++) {
    const peer = input.peers[(b.next + i) % n]!;
    if (!b.knownDown.includes(peer)) {
      b.next = (b.next + i + 1) % n;
      return peer;
    }
  }
  return undefined;
}

/** What the events say once step `i` is over, and the session that step opened. */
function before(run: Run, i: number): Belief & { opening?: { session: string; peer: NodeId } } {
  const b: Belief & { opening?: { session: string; peer: NodeId } } = { up: true, knownDown: [], opened: 0, next: 0, open: [] };
  for (const s of run.steps.slice(1, i + 1)) {
    const e = s.event as AntiEntropyEvent;
    delete b.opening;
    if (!b.up) {
      if (e.type === 'REVIVE') [b.up, b.knownDown] = [true, [...e.knownDown]];
      continue;
    }
    // A tick while a session this node opened is still open waits.
    const exchanging = b.open.some((session) => session.startsWith(`${input.node}:`));
    const peer = e.type === 'START_SESSION' ? e.peer : e.type === 'AE_TICK' && !exchanging ? pick(b) : undefined;
    if (peer !== undefined) {
      const session = `${input.node}:${++b.opened}`;
      b.opening = { session, peer };
      if ((input.shared[peer] ?? []).length > 0) b.open.push(session);
    }
    if (e.type === 'merkle') b.open.push(e.msg.session);
    if (e.type === 'KILL') [b.up, b.open] = [false, []];
    if (e.type === 'PEER_DOWN' && !b.knownDown.includes(e.peer)) b.knownDown.push(e.peer);
    if (e.type === 'PEER_UP') b.knownDown = b.knownDown.filter((p) => p !== e.peer);
  }
  return b;
}

describe('antiEntropy, model-based (xstate/graph)', () => {
  it('the generated paths reach every state and take every transition of the definition', () => {
    const c = covered(antiEntropy, runs().map((r) => r.steps));
    expect(c.states).toEqual(stateIdsOf(antiEntropy));
    expect(c.transitions).toEqual([...transitionsOf(antiEntropy).values()].sort());
  });

  it('opens a session when told, and on each tick with the next peer in turn not known down, unless one it opened is still open; none while down', () => {
    for (const { path, steps } of runs()) {
      for (const step of steps.slice(1)) {
        const now = before({ path, steps }, step.index);
        const starts = ofType(
          step.childEffects.map((c) => c.effect),
          'sessionStart',
        );
        expect(starts, path.description).toEqual(now.opening ? [{ type: 'sessionStart', ...now.opening }] : []);
        if (!now.opening) continue;
        const { session, peer } = now.opening;
        const ranges = input.shared[peer] ?? [];
        const own = step.childEffects.filter((c) => c.child === sessionId(session)).map((c) => c.effect);
        // Its root hashes to the peer, or, sharing no ranges with it, the end at once.
        if (ranges.length > 0) expect(ofType(own, 'send').map((s) => [s.to, s.msg.type, (s.msg as { level: number }).level])).toEqual([[peer, 'merkle', 0]]);
        else expect(ofType(own, 'sessionEnd')).toEqual([{ type: 'sessionEnd', session, peer, outcome: { kind: 'noRanges' } }]);
      }
    }
  });

  it('takes part in a session another node opens, as the responder, sending nothing until the peer speaks', () => {
    for (const { path, steps } of runs()) {
      for (const step of steps.filter((s) => s.event.type === 'merkle')) {
        if (!before({ path, steps }, step.index - 1).up) continue;
        expect(Object.keys(step.snapshot.children), path.description).toContain(sessionId(JOINED));
        expect(step.childEffects).toEqual([]);
      }
    }
  });

  it('a kill ends every open session (crashed) and forgets them; sessions that end are forgotten', () => {
    for (const { path, steps } of runs()) {
      for (const step of steps) {
        const was = before({ path, steps }, step.index - 1);
        const now = before({ path, steps }, step.index);
        expect(Object.keys(step.snapshot.children).sort(), path.description).toEqual(now.open.map(sessionId).sort());
        if (step.event.type === 'KILL' && was.up) {
          const ends = ofType(
            step.childEffects.map((c) => c.effect),
            'sessionEnd',
          );
          expect(ends.map((e) => [e.session, e.outcome.kind]).sort()).toEqual(was.open.map((s) => [s, 'crashed']).sort());
        }
      }
    }
  });

  it('knows which peers are down as the failure detector and a revive tell it', () => {
    for (const { path, steps } of runs()) {
      for (const step of steps) expect(step.snapshot.context.knownDown, path.description).toEqual(before({ path, steps }, step.index).knownDown);
    }
  });
});
