import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { Prng } from './prng';
import { makeScenario } from './testkit';
import { Timeline } from './timeline';
import { valuesOf } from './versions';
import type { Step } from './types';

function busyScenario() {
  const rng = new Prng(5);
  const steps: Step[] = [];
  for (let i = 0; i < 300; i++) {
    const key = `k${rng.int(7)}`;
    if (rng.chance(0.5)) steps.push({ at: i * 3, do: 'put', client: `c${rng.int(3)}`, key, value: `v${i}` });
    else steps.push({ at: i * 3, do: 'get', client: `c${rng.int(3)}`, key });
    if (i === 100) steps.push({ at: i * 3, do: 'kill', node: 'n2' });
    if (i === 200) steps.push({ at: i * 3, do: 'revive', node: 'n2' });
  }
  return makeScenario({ network: { latency: { kind: 'uniform', min: 1, max: 9 } }, steps });
}

describe('Timeline', () => {
  const scenario = busyScenario();
  const kernel = new Kernel(scenario);
  kernel.runToEnd();
  const timeline = new Timeline(scenario, kernel.trace, kernel.events);

  it('at the end, agrees with the kernel about every replica', () => {
    const view = timeline.at(kernel.events);
    for (const snap of kernel.snapshot()) {
      const node = view.nodes.get(snap.id)!;
      expect(node.up).toBe(snap.up);
      expect([...node.data.keys()].sort()).toEqual(snap.data.map((d) => d.key));
      for (const d of snap.data) expect(valuesOf(node.data.get(d.key))).toEqual(valuesOf(d.siblings));
      expect([...node.hints.keys()].sort()).toEqual(snap.hints.map((h) => h.id).sort());
    }
    expect(view.inFlight.size).toBe(0);
  });

  it('jumping backwards equals folding forwards from the start', () => {
    const fresh = new Timeline(scenario, kernel.trace, kernel.events);
    const targets = [kernel.events, 17, 900, 3, 600, 601, 0, 1400];
    for (const e of targets) {
      const jumped = timeline.at(e);
      const snapshotA = JSON.stringify([...jumped.nodes.values()].map((n) => [n.id, n.up, [...n.data.entries()], [...n.hints.keys()]]));
      const inflightA = [...jumped.inFlight.keys()];
      const metricsA = { ...jumped.metrics };
      const walked = new Timeline(scenario, kernel.trace, kernel.events);
      for (let i = 0; i <= Math.min(e, kernel.events); i++) walked.at(i);
      const w = walked.at(e);
      expect(JSON.stringify([...w.nodes.values()].map((n) => [n.id, n.up, [...n.data.entries()], [...n.hints.keys()]]))).toBe(snapshotA);
      expect([...w.inFlight.keys()]).toEqual(inflightA);
      expect({ ...w.metrics }).toEqual(metricsA);
      expect(fresh.at(e).event).toBe(Math.min(e, kernel.events));
    }
  });

  it('time never goes backwards along the events', () => {
    for (let e = 1; e <= kernel.events; e++) expect(timeline.eventTimes[e]!).toBeGreaterThanOrEqual(timeline.eventTimes[e - 1]!);
  });

  it('shows a node down between its kill and its revive', () => {
    const killAt = kernel.trace.find((r) => r.k === 'node' && !r.up)!.e;
    const reviveAt = kernel.trace.find((r) => r.k === 'node' && r.up)!.e;
    expect(timeline.at(killAt - 1).nodes.get('n2')!.up).toBe(true);
    expect(timeline.at(killAt).nodes.get('n2')!.up).toBe(false);
    expect(timeline.at(reviveAt).nodes.get('n2')!.up).toBe(true);
  });
});
