// Read repair: off, async (answer first, then repair stale responders, late
// ones included) and blocking (repair the stale replicas in the read quorum,
// then answer).
import { describe, expect, it } from 'vitest';
import type { Kernel } from './kernel';
import { buildReport, runScenario, type RunReport } from './report';
import { Ring } from './ring';
import { makeScenario, opAt } from './testkit';
import type { ReadRepairMode, Step } from './types';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, , c] = ring.preferenceList('k') as [string, string, string];

/** c misses the second write (it is down, and hinted handoff is off), then
 *  comes back holding "old". At 400, a coordinates a read of k. With fixed
 *  5 ms latency every reply reaches a at 410 — b's before c's, since a
 *  asked b first. */
function staleC(readRepair: ReadRepairMode, r: number, extra: Step[] = []): { k: Kernel; rep: RunReport } {
  const scenario = makeScenario({
    cluster: { readRepair, hintedHandoff: false },
    steps: [
      { at: 0, do: 'put', client: 'x', key: 'k', value: 'old', coordinator: a, w: 3 },
      { at: 50, do: 'kill', node: c },
      { at: 100, do: 'put', client: 'x', key: 'k', value: 'new', coordinator: a, w: 2 },
      { at: 200, do: 'revive', node: c },
      { at: 400, do: 'get', client: 'y', key: 'k', coordinator: a, r },
      ...extra,
    ],
  });
  const run = runScenario(scenario);
  return { k: run.kernel, rep: buildReport(run) };
}

const READ = 4;
/** When c's copy of k was repaired, if it was. */
function repairedAt(k: Kernel, node: string): number | undefined {
  return k.trace.find((r) => r.k === 'store' && r.node === node && r.key === 'k' && r.cause === 'repair')?.t;
}
const repairMessages = (k: Kernel) => k.trace.filter((r) => r.k === 'send' && r.type === 'repair').length;

describe('read repair off', () => {
  it('answers with the newest value but never repairs the stale replica', () => {
    const { k, rep } = staleC('off', 3, [{ at: 600, do: 'get', client: 'z', key: 'k', coordinator: c, r: 1 }]);
    expect(opAt(rep, READ)).toMatchObject({ status: 'ok', values: ['new'], endMs: 410 });
    expect(repairMessages(k)).toBe(0);
    expect(rep.metrics.readRepairs).toBe(0);
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['old']);
    // So c, read alone, is still stale.
    expect(opAt(rep, 5)).toMatchObject({ values: ['old'], consistency: 'stale' });
  });
});

describe('read repair async', () => {
  it('answers on R replies, then repairs a stale replica that replied late', () => {
    // R = 2: a (local) and b answer at 410; c's stale reply comes after.
    const { k, rep } = staleC('async', 2);
    expect(opAt(rep, READ)).toMatchObject({ status: 'ok', values: ['new'], endMs: 410 });
    expect(repairedAt(k, c)).toBe(415);
    expect(rep.metrics.readRepairs).toBe(1);
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['new']);
  });

  it('answers before the stale replica in its quorum is repaired', () => {
    const { k, rep } = staleC('async', 3);
    expect(opAt(rep, READ)).toMatchObject({ values: ['new'], endMs: 410 });
    expect(repairedAt(k, c)).toBe(415);
    expect(rep.metrics.readRepairs).toBe(1);
  });

  it('repairs the coordinator’s own stale copy without a message', () => {
    const { k, rep } = staleC('async', 2, [{ at: 600, do: 'get', client: 'z', key: 'k', coordinator: c, r: 2 }]);
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['new']);
    // Only one repair message overall: the one from the first read.
    expect(repairMessages(k)).toBe(1);
  });
});

describe('read repair blocking', () => {
  it('repairs the stale replica in the read quorum before answering, so it answers later than async', () => {
    const blocking = staleC('blocking', 3);
    const async = staleC('async', 3);
    // The repair reaches c at 415, its ack comes back at 420: then the answer.
    expect(repairedAt(blocking.k, c)).toBe(415);
    expect(opAt(blocking.rep, READ)).toMatchObject({ status: 'ok', values: ['new'], endMs: 420 });
    expect(opAt(blocking.rep, READ).endMs!).toBeGreaterThan(opAt(async.rep, READ).endMs!);
    expect(blocking.rep.metrics.readRepairs).toBe(1);
  });

  it('does not wait for replicas outside the quorum: those are repaired after the answer', () => {
    const { k, rep } = staleC('blocking', 2);
    expect(opAt(rep, READ)).toMatchObject({ values: ['new'], endMs: 410 });
    expect(repairedAt(k, c)).toBe(415);
  });

  it('answers at the timeout with what it has if a repair is never acknowledged', () => {
    // c's reply gets through (410), then c → a is cut (412): the repair reaches
    // c at 415 but its ack is lost.
    const { rep } = staleC('blocking', 3, [{ at: 412, do: 'cut', from: c, to: a }]);
    expect(opAt(rep, READ)).toMatchObject({ status: 'ok', values: ['new'], endMs: 500 });
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['new']);
  });
});
