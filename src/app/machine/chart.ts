// A machine's statechart as the Machine tab draws it, read from the machine
// definition itself: its states from `toDirectedGraph` (xstate/graph), its
// transitions from the same graph plus the eventless (`always`) ones, which
// the graph leaves out and which are where a request's guards decide
// (`quorumMet`, `allAnswered`, `unavailable`…). Nothing here is drawn by
// hand: change a machine and its chart changes with it.

import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';

/** One way out of a state: the event that takes it (`''` for an eventless
 *  transition) and the guard that must hold. */
export interface Way {
  event: string;
  guard: string | null;
  /** How the chart labels it: "writeAck", "quorumMet", "after timeout". */
  text: string;
}

export interface ChartState {
  id: string;
  initial: boolean;
  final: boolean;
  /** Transitions that stay in this state (counting an ack, re-comparing a level). */
  loops: Way[];
}

export interface ChartEdge {
  /** `from→to`: one edge per pair of states, however many ways lead along it. */
  id: string;
  from: string;
  to: string;
  ways: Way[];
}

export interface Chart {
  machine: string;
  states: ChartState[];
  edges: ChartEdge[];
}

/** `xstate.after.timeout.write.collecting` → "after timeout". */
export function eventWords(event: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(event);
  if (after) return `after ${after[1]}`;
  return event;
}

function way(event: string, guard: unknown): Way {
  const name = typeof guard === 'string' ? guard : null;
  const text = event === '' ? (name ?? 'always') : name ? `${eventWords(event)} [${name}]` : eventWords(event);
  return { event, guard: name, text };
}

/** Reads a state node's transitions through the public shape of XState's
 *  StateNode (`always`: its eventless transitions, each with `target` and
 *  `guard`). */
interface StateNodeLike {
  key: string;
  type: string;
  always?: readonly { target?: readonly { key: string }[]; guard?: unknown }[];
}

const charts = new WeakMap<AnyStateMachine, Chart>();

export function chartOf(machine: AnyStateMachine): Chart {
  const known = charts.get(machine);
  if (known) return known;
  const graph = toDirectedGraph(machine);
  const initial = machine.config.initial;
  const states: ChartState[] = [];
  const edges = new Map<string, ChartEdge>();
  const add = (from: string, to: string, w: Way) => {
    if (from === to) {
      states.find((s) => s.id === from)!.loops.push(w);
      return;
    }
    const id = `${from}→${to}`;
    let edge = edges.get(id);
    if (!edge) edges.set(id, (edge = { id, from, to, ways: [] }));
    edge.ways.push(w);
  };
  for (const child of graph.children) {
    const node = child.stateNode as unknown as StateNodeLike;
    states.push({ id: node.key, initial: node.key === initial, final: node.type === 'final', loops: [] });
  }
  for (const child of graph.children) {
    const node = child.stateNode as unknown as StateNodeLike;
    // Eventless first: they are checked after every event, before the state waits again.
    for (const t of node.always ?? []) add(node.key, t.target?.[0]?.key ?? node.key, way('', t.guard));
    for (const e of child.edges) add(node.key, e.target.key, way(String(e.transition.eventType), e.transition.guard));
  }
  const chart = { machine: machine.id, states, edges: [...edges.values()] };
  charts.set(machine, chart);
  return chart;
}

/** The ways out of `from` that end in `to` after `event` (an eventless
 *  transition can follow any event in the same step). */
export function waysTaken(chart: Chart, from: string, event: string, to: string): Way[] {
  const candidates = from === to ? (chart.states.find((s) => s.id === from)?.loops ?? []) : (chart.edges.find((e) => e.from === from && e.to === to)?.ways ?? []);
  const exact = candidates.filter((w) => w.event === event);
  return exact.length > 0 ? exact : candidates.filter((w) => w.event === '');
}
