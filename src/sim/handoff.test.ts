// Hinted handoff, strict (Cassandra: hints never count toward W) and sloppy
// (Riak/Dynamo: a substitute takes the write for a dead home node).
import { describe, expect, it } from 'vitest';
import type { Kernel } from './kernel';
import { buildReport, runScenario, type RunReport } from './report';
import { Ring } from './ring';
import { makeScenario, opAt, type ScenarioOverrides } from './testkit';
import type { TraceRecord } from './trace';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];
/** The first node clockwise after k's replicas: a sloppy quorum's substitute. */
const sub = ring.extendedList('k')[3]!;

type Hint = Extract<TraceRecord, { k: 'hint' }>;

function run(o: ScenarioOverrides): { k: Kernel; rep: RunReport } {
  const r = runScenario(makeScenario(o));
  return { k: r.kernel, rep: buildReport(r) };
}
const hints = (k: Kernel): Hint[] => k.trace.filter((r): r is Hint => r.k === 'hint');
const sendTimes = (k: Kernel, type: string, from: string, to: string) =>
  k.trace.filter((r) => r.k === 'send' && r.type === type && r.from === from && r.to === to).map((r) => r.t);

describe('strict quorum', () => {
  const killed = [{ at: 0, do: 'kill', node: c }] as const;

  it('the coordinator keeps a hint for a home replica it knows is down; the hint does not count toward W', () => {
    const { k, rep } = run({
      steps: [...killed, { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 2 }, { at: 100, do: 'put', client: 'x', key: 'j', value: 'v', coordinator: a, w: 3 }],
    });
    // Not sent to c at all: a knows it is down (since t = 50).
    expect(sendTimes(k, 'write', a, c)).toEqual([]);
    expect(hints(k).filter((h) => h.added).map((h) => [h.node, h.key, h.for, h.t])).toContainEqual([a, 'k', c, 100]);
    expect(opAt(rep, 1)).toMatchObject({ status: 'ok', acks: 2 });
    expect(rep.replicas[a]!.hints).toContainEqual({ key: 'k', for: c });
    expect(rep.replicas[c]!.data['k']).toBeUndefined();
    expect(rep.metrics.hintsStored).toBeGreaterThanOrEqual(1);
    expect(rep.metrics.hintsDelivered).toBe(0);
  });

  it('so W = 3 with one home known down is refused up front, and no hint is stored (Cassandra: UnavailableException)', () => {
    const { k, rep } = run({ steps: [...killed, { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 3 }] });
    expect(opAt(rep, 1)).toMatchObject({ status: 'failed', acks: 0, endMs: 100 });
    expect(opAt(rep, 1).reason).toMatch(/^unavailable: /);
    expect(rep.replicas[a]!.hints).toEqual([]);
    expect(hints(k)).toEqual([]);
    expect(rep.replicas[a]!.data['k']).toBeUndefined();
  });

  it('replays the hint failureDetectionMs after the home node revives, and deletes it once acked', () => {
    const { k, rep } = run({
      steps: [...killed, { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a }, { at: 300, do: 'revive', node: c }],
    });
    expect(sendTimes(k, 'replay', a, c)).toEqual([350]);
    expect(k.trace.find((r) => r.k === 'store' && r.node === c && r.cause === 'replay')?.t).toBe(355);
    expect(hints(k).filter((h) => !h.added)).toMatchObject([{ node: a, for: c, delivered: true, t: 360 }]);
    expect(rep.replicas[a]!.hints).toEqual([]);
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['v']);
    expect(rep.metrics).toMatchObject({ hintsStored: 1, hintsDelivered: 1 });
  });

  it('retries the replay every requestTimeoutMs until the home node acks', () => {
    // From the revive until t = 520 every message is lost.
    const { k, rep } = run({
      steps: [
        ...killed,
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a },
        { at: 300, do: 'revive', node: c },
        { at: 300, do: 'drop', rate: 1 },
        { at: 520, do: 'drop', rate: 0 },
      ],
    });
    expect(sendTimes(k, 'replay', a, c)).toEqual([350, 450, 550]);
    expect(hints(k).filter((h) => !h.added).map((h) => h.t)).toEqual([560]);
    expect(rep.metrics).toMatchObject({ hintsStored: 1, hintsDelivered: 1 });
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['v']);
  });

  it('keeps a hint for a replica that did not ack by the timeout, and hands it off although that replica was never known down', () => {
    // Every message is lost from 0 to 150: a acks the write itself (W = 1)
    // and at the timeout (110) holds hints for b and c, which it still
    // believes reachable. The replay at 110 is lost too; the retry at 210
    // gets through.
    const { k, rep } = run({
      steps: [
        { at: 0, do: 'drop', rate: 1 },
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 1 },
        { at: 150, do: 'drop', rate: 0 },
      ],
    });
    expect(opAt(rep, 1)).toMatchObject({ status: 'ok', endMs: 10 });
    expect(hints(k).filter((h) => h.added).map((h) => [h.node, h.for, h.t])).toEqual([
      [a, b, 110],
      [a, c, 110],
    ]);
    expect(sendTimes(k, 'replay', a, b)).toEqual([110, 210]);
    expect(rep.metrics).toMatchObject({ hintsStored: 2, hintsDelivered: 2 });
    for (const id of [a, b, c]) expect(rep.replicas[id]!.data['k']!.values).toEqual(['v']);
    expect(rep.replicas[a]!.hints).toEqual([]);
  });

  it('ends even with requestTimeoutMs 0: retries wait at least 1 ms, so virtual time moves on', () => {
    const r = runScenario(
      makeScenario({ cluster: { requestTimeoutMs: 0 }, steps: [...killed, { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a }, { at: 200, do: 'revive', node: c }] }),
      10_000,
    );
    expect(r.complete).toBe(true);
    const rep = buildReport(r);
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['v']);
    expect(rep.replicas[a]!.hints).toEqual([]);
  });

  it('with hinted handoff off, stores no hint at all', () => {
    const { rep } = run({ cluster: { hintedHandoff: false }, steps: [...killed, { at: 100, do: 'put', client: 'x', key: 'k', value: 'v' }, { at: 300, do: 'revive', node: c }] });
    expect(rep.metrics.hintsStored).toBe(0);
    expect(rep.replicas[c]!.data['k']).toBeUndefined();
  });
});

describe('sloppy quorum', () => {
  const cluster = { sloppyQuorum: true } as const;
  const steps = [
    { at: 0, do: 'kill', node: c },
    { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 3 },
  ] as const;

  it('writes to a substitute, which keeps it as a hint naming the home node; W = 3 succeeds where strict fails', () => {
    const sloppy = run({ cluster, steps: [...steps] });
    expect(sendTimes(sloppy.k, 'write', a, sub)).toEqual([100]);
    const sent = sloppy.k.trace.find((r) => r.k === 'send' && r.to === sub && r.type === 'write');
    expect(sent?.k === 'send' && sent.msg.type === 'write' ? sent.msg.hintFor : undefined).toBe(c);
    expect(opAt(sloppy.rep, 1)).toMatchObject({ status: 'ok', acks: 3, replicas: [a, b, sub] });
    expect(sloppy.rep.replicas[sub]!.hints).toEqual([{ key: 'k', for: c }]);
    // A separate store: the substitute's own data does not hold k.
    expect(sloppy.rep.replicas[sub]!.data['k']).toBeUndefined();

    const strict = run({ steps: [...steps] });
    expect(opAt(strict.rep, 1)).toMatchObject({ status: 'failed' });
  });

  it('a substitute answers reads from its hints', () => {
    const { rep } = run({ cluster, steps: [...steps, { at: 200, do: 'get', client: 'y', key: 'k', coordinator: sub, r: 1 }] });
    expect(opAt(rep, 2)).toMatchObject({ status: 'ok', values: ['v'] });
  });

  it('hands the hint to the home node when it returns', () => {
    const { k, rep } = run({ cluster, steps: [...steps, { at: 300, do: 'revive', node: c }] });
    expect(sendTimes(k, 'replay', sub, c)).toEqual([350]);
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['v']);
    expect(rep.replicas[sub]!.hints).toEqual([]);
    expect(rep.metrics).toMatchObject({ hintsStored: 1, hintsDelivered: 1 });
  });

  it('a coordinator that is itself the substitute keeps its copy as a hint too, and hands it off', () => {
    // sub coordinates: with c down it is one of the three targets, standing in for c.
    const { k, rep } = run({ cluster, steps: [steps[0], { ...steps[1], coordinator: sub }, { at: 300, do: 'revive', node: c }] });
    expect(opAt(rep, 1)).toMatchObject({ status: 'ok', acks: 3, replicas: [a, b, sub] });
    expect(hints(k).filter((h) => h.added).map((h) => [h.node, h.for])).toEqual([[sub, c]]);
    expect(sendTimes(k, 'replay', sub, c)).toEqual([350]);
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['v']);
    expect(rep.replicas[sub]).toMatchObject({ data: {}, hints: [] });
  });

  it('read repair leaves a substitute alone: only home replicas store the key', () => {
    // With c known down, a sloppy read with R = 3 asks the substitute, which has nothing.
    const { rep } = run({
      cluster: { ...cluster, hintedHandoff: false },
      steps: [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
        { at: 50, do: 'kill', node: c },
        { at: 200, do: 'get', client: 'y', key: 'k', coordinator: a, r: 3 },
        { at: 300, do: 'get', client: 'y', key: 'k', coordinator: sub, r: 3 },
      ],
    });
    expect(opAt(rep, 2)).toMatchObject({ status: 'ok', values: ['v'], replicas: [a, b, sub] });
    expect(opAt(rep, 3)).toMatchObject({ status: 'ok', values: ['v'] });
    for (const id of nodes) if (![a, b, c].includes(id)) expect(rep.replicas[id]!.data).toEqual({});
  });

  it('so a deleted value does not come back from a substitute’s stray copy', () => {
    // A sloppy read copies v onto the substitute (if read repair wrote there);
    // k is then deleted and purged everywhere it is home; when c is down again,
    // a sloppy read asks the substitute once more.
    const { rep } = run({
      cluster: { ...cluster, hintedHandoff: false, tombstoneGraceMs: 500 },
      steps: [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
        { at: 50, do: 'kill', node: c },
        { at: 200, do: 'get', client: 'y', key: 'k', coordinator: a, r: 3 },
        { at: 300, do: 'revive', node: c },
        { at: 500, do: 'delete', client: 'x', key: 'k', w: 3 },
        { at: 2000, do: 'kill', node: c },
        { at: 2200, do: 'get', client: 'y', key: 'k', coordinator: a, r: 3 },
      ],
    });
    expect(opAt(rep, 4).status).toBe('ok');
    expect(opAt(rep, 6)).toMatchObject({ status: 'ok', values: [] });
    expect(rep.metrics.resurrections).toBe(0);
  });

  it('retries the hand-off every requestTimeoutMs until acked', () => {
    const { k, rep } = run({
      cluster,
      steps: [...steps, { at: 300, do: 'revive', node: c }, { at: 300, do: 'drop', rate: 1 }, { at: 420, do: 'drop', rate: 0 }],
    });
    expect(sendTimes(k, 'replay', sub, c)).toEqual([350, 450]);
    expect(rep.metrics.hintsDelivered).toBe(1);
  });
});
