// The Merkle session machine, model-based: paths generated with xstate/graph
// (the peer's hashes at each level, equal or not, its keys at the leaves and
// its final answer, a crash, the timeout), for an initiator, an initiator
// with no shared ranges and a responder, each replayed on a real actor on a
// simulated clock, and checked against what merkleSession.ts promises.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { childHashes, leafEntries } from '../antiEntropy';
import { hash32 } from '../hash';
import { MerkleTree } from '../merkle';
import type { MerkleNodeHash, Message } from '../messages';
import { digestOf, isUpToDate, type Sibling } from '../versions';
import { merkleSession, type SessionEvent, type SessionInput } from './merkleSession';
import { covered, modelPaths, ofType, replay, stateIdsOf, transitionsOf, type ModelPath, type Replayed } from './modelTestkit';
import type { DiskView, Effect } from './protocol';

type Session = typeof merkleSession;

const DEPTH = 2;
const RANGE = 0;

/** A disk holding `data`, with its tree over the whole ring (range 0). */
function diskOf(data: Record<string, readonly Sibling[]>): DiskView {
  const tree = new MerkleTree({ start: 0, end: 0 }, DEPTH);
  for (const [key, siblings] of Object.entries(data)) tree.set(key, hash32(key), digestOf(siblings));
  return {
    get: (key) => data[key],
    viewOf: (key) => data[key] ?? [],
    hintsFor: () => [],
    hintHomes: () => [],
    nextCounter: () => 1,
    tree: (range) => (range === RANGE ? tree : undefined),
    keysInLeaf: (range, leaf) => (range === RANGE ? tree.leafKeys(leaf) : []),
  };
}

const v = (value: string, ts: number): Sibling[] => [{ value, writeId: ts, ts }];
/** This node (`a`) and its peer (`b`): one key the same, one each holds newer, one only `a` holds. */
const mine = diskOf({ same: v('s', 1), behind: v('old', 1), ahead: v('new', 2), onlyMine: v('m', 1) });
const theirs = diskOf({ same: v('s', 1), behind: v('new', 2), ahead: v('old', 1) });

/** `disk`'s hashes of every node at `level`. */
function hashesAt(disk: DiskView, level: number): MerkleNodeHash[] {
  const tree = disk.tree(RANGE)!;
  return Array.from({ length: 2 ** level }, (_, index) => ({ range: RANGE, index, hash: tree.hash(level, index) }));
}
const leaves = Array.from({ length: 2 ** DEPTH }, (_, index) => ({ range: RANGE, index }));

function session(over: Partial<SessionInput>): SessionInput {
  return { session: 'a:1', node: 'a', peer: 'b', initiator: true, ranges: [RANGE], roots: hashesAt(mine, 0), depth: DEPTH, conflicts: 'lww', timeoutMs: 30, ...over };
}

const cases: { name: string; input: SessionInput }[] = [
  { name: 'the initiator', input: session({}) },
  { name: 'an initiator sharing no ranges with its peer', input: session({ ranges: [], roots: [] }) },
  { name: 'the responder', input: session({ session: 'b:1', initiator: false, roots: [] }) },
];

/** What the peer may say: its hashes of one level (ours at the root: the
 *  trees are equal), its keys at the leaves, its final answer (with keys, or
 *  none), and a crash here. */
function events(snapshot: SnapshotFrom<Session>): SessionEvent[] {
  const { session: id, peer } = snapshot.context;
  const at = { from: peer, now: 0, disk: mine };
  const merkle = (level: number, nodes: MerkleNodeHash[]): SessionEvent => ({ type: 'merkle', ...at, msg: { type: 'merkle', session: id, level, nodes } });
  const sync = (entries: ReturnType<typeof leafEntries>, final: boolean): SessionEvent => ({ type: 'sync', ...at, msg: { type: 'sync', session: id, leaves, entries, final } });
  return [
    merkle(0, hashesAt(mine, 0)),
    ...Array.from({ length: DEPTH + 1 }, (_, level) => merkle(level, hashesAt(theirs, level))),
    sync(leafEntries(theirs, leaves), false),
    sync(leafEntries(theirs, leaves), true),
    sync([], true),
    { type: 'CRASH', now: 0 },
  ];
}

interface Run {
  input: SessionInput;
  path: ModelPath<Session>;
  steps: Replayed<Session>[];
}

let memo: Run[] | undefined;
function runs(): Run[] {
  memo ??= cases.flatMap(({ input }) => {
    const model = { input, events };
    return modelPaths(merkleSession, model).map((path) => ({ input, path, steps: replay(merkleSession, model, path, { clocked: false }) }));
  });
  return memo;
}

const all = (run: Run) => run.steps.flatMap((step) => step.effects.map((effect) => ({ effect, step })));
type Sent = Extract<Effect, { type: 'send' }>;
const received = (step: Replayed<Session>) => step.event as SessionEvent;

describe('merkleSession, model-based (xstate/graph)', () => {
  it('the generated paths reach every state and take every transition of the definition', () => {
    const c = covered(merkleSession, runs().map((r) => r.steps));
    expect(c.states).toEqual(stateIdsOf(merkleSession));
    expect(c.transitions).toEqual([...transitionsOf(merkleSession).values()].sort());
  });

  it('ends with exactly one sessionEnd, its last effect, whose outcome says how it ended', () => {
    for (const run of runs()) {
      const effects = all(run);
      const ends = effects.filter((e) => e.effect.type === 'sessionEnd');
      const ended = run.steps.find((s) => s.snapshot.status === 'done');
      expect(ends.length, run.path.description).toBe(ended ? 1 : 0);
      if (!ended) continue;
      expect(effects.at(-1)).toBe(ends[0]);
      expect(ends[0]!.step).toBe(ended);
      const end = ends[0]!.effect as Extract<Effect, { type: 'sessionEnd' }>;
      expect(end).toMatchObject({ session: run.input.session, peer: run.input.peer });
      const e = received(ended);
      const expected =
        ended.snapshot.value === 'abandoned'
          ? e.type === 'CRASH'
            ? { kind: 'crashed' }
            : { kind: 'abandoned', peer: run.input.peer, afterMs: run.input.timeoutMs }
          : ended.index === 0
            ? { kind: 'noRanges' }
            : e.type === 'merkle'
              ? { kind: 'equal' }
              : { kind: 'took', keys: ofType(ended.effects, 'store').length };
      expect(end.outcome, run.path.description).toEqual(expected);
      if (ended.snapshot.value === 'abandoned') expect(e.type === 'CRASH' || ended.timer).toBe(true);
    }
  });

  it('the initiator opens once, with its root hashes; the responder opens nothing', () => {
    for (const run of runs()) {
      const starts = all(run).filter((e) => e.effect.type === 'sessionStart');
      const opened = ofType(run.steps[0]!.effects, 'count').filter((c) => c.metric === 'antiEntropySessions');
      if (!run.input.initiator) {
        expect(starts).toEqual([]);
        expect(opened).toEqual([]);
        expect(run.steps[0]!.effects).toEqual([]);
        continue;
      }
      expect(starts.length).toBe(1);
      expect(run.steps[0]!.effects[0]).toEqual({ type: 'sessionStart', session: run.input.session, peer: run.input.peer });
      expect(opened).toEqual([{ type: 'count', metric: 'antiEntropySessions', by: 1 }]);
      const first = ofType(run.steps[0]!.effects, 'send');
      expect(first.map((s) => s.msg)).toEqual(run.input.ranges.length === 0 ? [] : [{ type: 'merkle', session: run.input.session, level: 0, nodes: run.input.roots }]);
    }
  });

  it('answers one level with the next (its own hashes of the children that differ), sends its keys only at the leaves, and replies to keys only if not final', () => {
    for (const run of runs()) {
      for (const step of run.steps.slice(1)) {
        const e = received(step);
        const sends = ofType(step.effects, 'send');
        for (const s of sends) expect(s.to).toBe(run.input.peer);
        const msgs: Message[] = sends.map((s: Sent) => s.msg);
        if (e.type === 'merkle') {
          const compared = ofType(step.effects, 'count').filter((c) => c.metric === 'merkleHashesCompared');
          expect(compared).toEqual([{ type: 'count', metric: 'merkleHashesCompared', by: e.msg.nodes.length }]);
          const differ = e.msg.nodes.filter((n) => mine.tree(n.range)!.hash(e.msg.level, n.index) !== n.hash);
          if (differ.length === 0) {
            expect(msgs).toEqual([{ type: 'sync', session: run.input.session, leaves: [], entries: [], final: true }]);
          } else if (e.msg.level < run.input.depth) {
            expect(msgs).toEqual([{ type: 'merkle', session: run.input.session, level: e.msg.level + 1, nodes: childHashes(mine, e.msg.level, differ) }]);
            expect(step.snapshot.value).toBe('comparingLevel');
          } else {
            const at = differ.map((d) => ({ range: d.range, index: d.index }));
            expect(msgs).toEqual([{ type: 'sync', session: run.input.session, leaves: at, entries: leafEntries(mine, at), final: false }]);
            expect(step.snapshot.value).toBe('syncing');
          }
        } else if (e.type === 'sync') {
          // What it lacked or held older is stored; nothing else.
          const stores = ofType(step.effects, 'store');
          expect(stores.map((s) => s.key)).toEqual(e.msg.entries.filter((x) => !isUpToDate('lww', mine.get(x.key), x.siblings)).map((x) => x.key));
          for (const s of stores) expect(s.cause).toBe('sync');
          expect(msgs.length, run.path.description).toBe(e.msg.final ? 0 : 1);
          if (!e.msg.final) expect(msgs[0]).toMatchObject({ type: 'sync', final: true });
        } else {
          expect(msgs).toEqual([]);
        }
      }
    }
  });

  it('holds one timer while comparing or syncing, due timeoutMs after it entered the state, and none once over', () => {
    for (const run of runs()) {
      let entered = 0;
      for (const step of run.steps) {
        expect(step.timers, run.path.description).toBe(step.snapshot.status === 'done' ? 0 : 1);
        if (step.timer) expect(step.at, run.path.description).toBe(entered + run.input.timeoutMs);
        if (step.fired.some((t) => t.target !== undefined && t.target.some((s) => s.key === 'comparingLevel' || s.key === 'syncing'))) entered = step.at;
      }
    }
  });
});
