import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario';
import { Kernel } from '../../sim/kernel';
import { Timeline } from '../../sim/timeline';
import type { SimScenario } from '../../sim/types';
import { describeRequest, joinNames, opVerdict, pickOperation, quorumRule } from './requestStory';
import { traceIndexOf } from '../traceIndex';
import { sloppyWrite, staleRead } from './fixtures';

function runOf(scenario: SimScenario) {
  const kernel = new Kernel(scenario);
  kernel.runToEnd();
  const timeline = new Timeline(scenario, kernel.trace, kernel.events);
  return { kernel, timeline, index: traceIndexOf(kernel.trace) };
}

function storyAt(scenario: SimScenario, op: number, cursor: number) {
  const { kernel, timeline, index } = runOf(scenario);
  const view = timeline.at(cursor);
  const o = view.ops.get(op);
  if (!o) throw new Error(`op ${op} has not started by event ${cursor}`);
  return describeRequest(o, { index, ring: kernel.ring, cluster: scenario.cluster, steps: scenario.steps, cursor });
}

const defaults = () => structuredClone<SimScenario>(DEFAULT_SCENARIO);

describe('describeRequest', () => {
  it('tells a finished quorum write: replicas, acks in order, the W sentence', () => {
    const s = defaults();
    const end = runOf(s).kernel.events;
    const story = storyAt(s, 0, end);
    expect(story.quorumName).toBe('W');
    expect(story.sentence).toBe('2 of 3 acks: W = 2 is met');
    expect(story.tone).toBe('ok');
    expect(story.targets.map((t) => [t.node, t.rank, t.state])).toEqual([
      ['n3', 1, 'local'],
      ['n4', 2, 'answered'],
      ['n1', 3, 'answered'],
    ]);
    // The coordinator's own ack counts first; the third ack comes after W was met.
    expect(story.counted).toEqual(['n3', 'n4', 'n1']);
    expect(story.countedBeforeOutcome).toBe(2);
    expect(story.skipped).toEqual([]);
  });

  it('shows a write in flight: only the local ack counted, W messages on their way', () => {
    const story = storyAt(defaults(), 0, 1);
    expect(story.tone).toBe('pending');
    expect(story.counted).toEqual(['n3']);
    expect(story.targets.find((t) => t.node === 'n4')?.words).toBe('W on its way');
    expect(story.sentence).toMatch(/^Waiting: 1 of 3 acks so far, W = 2 needed by 100 ms\.$/);
  });

  it('names the replicas a read heard from, and calls a fresh read fresh', () => {
    const s = defaults();
    const story = storyAt(s, 1, runOf(s).kernel.events);
    expect(story.quorumName).toBe('R');
    expect(story.sentence).toBe('2 of 3 replies (n3, n4): R = 2 is met');
    expect(story.verdict).toMatch(/fresh/);
    expect(story.targets.find((t) => t.node === 'n4')?.words).toBe('replied with "milk"');
  });

  it('says which replica a stale read read, and which write it missed', () => {
    const s = staleRead();
    const story = storyAt(s, 4, runOf(s).kernel.events);
    expect(story.tone).toBe('stale');
    expect(story.sentence).toBe('R = 1 read n1, which missed alice\'s put of "eggs": stale');
    expect(story.quorum).toBe(1);
    expect(story.clusterQuorum).toBe(2);
    expect(story.targets.find((t) => t.node === 'n1')?.words).toMatch(/read its own copy, "milk"/);
  });

  it('marks a sloppy quorum substitute and the home it stands in for', () => {
    const s = sloppyWrite();
    const story = storyAt(s, 1, runOf(s).kernel.events);
    expect(story.skipped).toEqual(['n4']);
    const sub = story.targets.find((t) => t.rank === null);
    expect(sub).toMatchObject({ node: 'n5', standsInFor: 'n4' });
    expect(sub?.words).toMatch(/^holds a hint for n4; acked/);
  });

  it('explains a write that failed: too few acks in time', () => {
    const s = defaults();
    s.steps = [
      { at: 0, do: 'kill', node: 'n4' },
      { at: 0, do: 'kill', node: 'n1' },
      { at: 1, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    ];
    const story = storyAt(s, 2, runOf(s).kernel.events);
    expect(story.tone).toBe('failed');
    expect(story.sentence).toMatch(/^Only 1 of 3 acks within 100 ms: W = 2 not met$/);
    expect(story.verdict).toMatch(/No rollback/);
    expect(story.targets.filter((t) => t.state === 'lost').map((t) => t.node)).toEqual(['n4', 'n1']);
  });
});

describe('quorumRule', () => {
  it('says a read overlaps the write when W + R > N, without promising the latest value', () => {
    const strict = quorumRule({ n: 3, w: 2, r: 2, sloppyQuorum: false });
    expect(strict).toMatchObject({ overlap: true, safe: true });
    expect(strict.sentence).toBe('W + R = 4 > N = 3: the R replicas a read hears from overlap the W replicas that acknowledged the latest write');
    expect(strict.sentence).not.toMatch(/see the latest/);
    expect(strict.caveat).toMatch(/failed write.*last-write-wins.*stale copy.*during a write/);
    const sloppy = quorumRule({ n: 3, w: 2, r: 2, sloppyQuorum: true });
    expect(sloppy.safe).toBe(false);
    expect(sloppy.sentence).toMatch(/but the quorum is sloppy/);
  });

  it('warns when W + R ≤ N', () => {
    expect(quorumRule({ n: 3, w: 1, r: 1, sloppyQuorum: false }).sentence).toBe("W + R = 2 ≤ N = 3: a read's replicas need not overlap the write's, so it may miss the latest write");
    expect(quorumRule({ n: 3, w: 2, r: 1, sloppyQuorum: false })).toMatchObject({ overlap: false, caveat: null });
  });
});

describe('small helpers', () => {
  it('join names as a sentence does', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['n1'])).toBe('n1');
    expect(joinNames(['n1', 'n2', 'n3'])).toBe('n1, n2 and n3');
  });

  it('pick the chosen operation, else the latest started', () => {
    const { timeline } = runOf(defaults());
    const view = timeline.at(timeline.events);
    expect(pickOperation(view.ops, null)?.op).toBe(1);
    expect(pickOperation(view.ops, 0)?.op).toBe(0);
    expect(pickOperation(view.ops, 9)?.op).toBe(1);
    expect(pickOperation(new Map(), null)).toBeNull();
    expect([...view.ops.values()].map(opVerdict)).toEqual(['acknowledged', 'fresh']);
  });
});
