import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario';
import { merkleSession } from '../../sim/machines/merkleSession';
import { readRequest } from '../../sim/machines/readRequest';
import { writeRequest } from '../../sim/machines/writeRequest';
import { runScenario } from '../../sim/report';
import { Timeline } from '../../sim/timeline';
import { traceIndexOf } from '../traceIndex';
import { chartOf, waysTaken } from './chart';
import { layoutChart } from './layout';
import { machineAt, parseSubject, subjectKey, type MachineSubject } from './machineAt';

describe('chartOf', () => {
  it("draws a machine's own states and every transition, eventless ones with their guards", () => {
    const chart = chartOf(writeRequest);
    expect(chart.states.map((s) => s.id)).toEqual(Object.keys(writeRequest.root.states));
    expect(chart.states.filter((s) => s.final).map((s) => s.id)).toEqual(['failed', 'closed']);
    const ways = (from: string, to: string) => chart.edges.find((e) => e.from === from && e.to === to)?.ways.map((w) => w.text);
    expect(ways('sending', 'failed')).toEqual(['unavailable']);
    expect(ways('collecting', 'acknowledged')).toEqual(['quorumMet']);
    expect(ways('collecting', 'failed')).toEqual(['CRASH', 'after timeout']);
    expect(ways('acknowledged', 'closed')).toEqual(['allAnswered', 'CRASH', 'after timeout']);
    // Counting an ack stays in the state: a loop, drawn inside it.
    expect(chart.states.find((s) => s.id === 'collecting')!.loops.map((l) => l.text)).toEqual(['writeAck']);
  });

  it('names the way a recorded transition took: the event when it matches, else the eventless guard', () => {
    const read = chartOf(readRequest);
    expect(waysTaken(read, 'collecting', 'readResp', 'answered').map((w) => w.guard)).toEqual(['quorumMet']);
    expect(waysTaken(read, 'collecting', 'readResp', 'repairing').map((w) => w.guard)).toEqual(['repairFirst']);
    expect(waysTaken(read, 'collecting', 'xstate.after.timeout.read.collecting', 'failed').map((w) => w.text)).toEqual(['after timeout']);
    const session = chartOf(merkleSession);
    expect(waysTaken(session, 'comparingLevel', 'merkle', 'comparingLevel').map((w) => w.guard)).toEqual(['childrenDiffer']);
  });

  it('lays every state out once, inside the drawing, none overlapping', () => {
    for (const direction of ['LR', 'TB'] as const) {
      const chart = chartOf(readRequest);
      const laid = layoutChart(chart, direction);
      const boxes = [...laid.states.values()];
      expect(boxes).toHaveLength(chart.states.length);
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(laid.width);
        expect(b.y + b.height).toBeLessThanOrEqual(laid.height);
      }
      for (const a of boxes) for (const b of boxes) if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
      for (const e of chart.edges) expect(laid.edges.get(e.id)!.points.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('machineAt', () => {
  const { kernel } = runScenario(DEFAULT_SCENARIO);
  const timeline = new Timeline(DEFAULT_SCENARIO, kernel.trace, kernel.events);
  const index = traceIndexOf(kernel.trace);
  const at = (subject: MachineSubject, cursor: number) => {
    const view = timeline.at(cursor);
    return machineAt(subject, {
      index,
      ring: kernel.ring,
      cluster: DEFAULT_SCENARIO.cluster,
      steps: DEFAULT_SCENARIO.steps,
      ops: view.ops,
      nodeMachines: (node) => view.nodes.get(node)?.machines,
      cursor,
    });
  };

  it("follows the default scenario's write through its states, event by event, and back", () => {
    const write = { kind: 'request', op: 0 } as const;
    const states = Array.from({ length: kernel.events + 1 }, (_, e) => at(write, e)!.state);
    // Each state in order, none skipped, none revisited.
    const seen = states.filter((s, i) => s !== states[i - 1]);
    expect(seen).toEqual([null, 'collecting', 'acknowledged', 'closed']);
    const acked = states.indexOf('acknowledged');
    const now = at(write, acked)!.now;
    expect(now.map((t) => `${t.transition.from}→${t.transition.to}`)).toContain('collecting→acknowledged');
    expect(now.flatMap((t) => t.why)).toContain('quorumMet: 2 of W = 2 acks');
    // The same answer whichever way the cursor came.
    expect(at(write, acked - 1)!.state).toBe('collecting');
  });

  it('keys a subject as text and reads it back', () => {
    const subjects: MachineSubject[] = [
      { kind: 'request', op: 12 },
      { kind: 'session', session: 'n3:1', node: 'n4' },
      { kind: 'replay', node: 'n1', home: 'n5' },
      { kind: 'node', node: 'n2', role: 'antiEntropy' },
    ];
    for (const s of subjects) expect(parseSubject(subjectKey(s))).toEqual(s);
    expect(parseSubject('node n2 nothing')).toBeNull();
    expect(parseSubject('request x')).toBeNull();
  });
});
