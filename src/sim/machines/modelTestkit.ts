// Model-based testing of the machines with xstate/graph (issue 15): paths
// generated from a machine's own definition, replayed on a real actor, and
// the states and transitions of the definition that the replays took.
//
// - Paths: `TestModel#getShortestPaths` over the machine, from one input,
//   with the events a test offers in each state (only those the state
//   accepts are tried) and every delayed event of the definition
//   (`xstate.after.<delay>.<state>`: xstate/graph sends those as ordinary
//   events; `createTestModel` refuses machines with `after`, so the
//   TestModel class is used directly). A vertex of the traversal is a step:
//   the state (value and, in part, context) with the event and the state it
//   came from. So shortest paths reach every edge of the state graph, not
//   only every state: an event that changes nothing (a duplicate ack), or
//   one that leads where another already did, gets a path of its own.
// - Replay: each path on a real actor, on a simulated clock: an event is
//   sent at its `now`, a delayed event is the clock reaching the timer. The
//   actor must land where the model did (value, and context as far as the
//   model tells states apart) at every step;
//   each step records the effects emitted and the transitions taken (the
//   `@xstate.microstep` inspection events).
// - Coverage: the definition's transitions are the edges of
//   `toDirectedGraph` (`on`, `after` and wildcard transitions) and every
//   state's `always` transitions, which toDirectedGraph leaves out; a test
//   asserts the replays took every one and reached every state.

import { expect } from 'vitest';
import {
  createActor,
  SimulatedClock,
  type ActorLogic,
  type AnyActorRef,
  type AnyStateMachine,
  type AnyTransitionDefinition,
  type EventFromLogic,
  type EventObject,
  type InputFrom,
  type InspectionEvent,
  type SnapshotFrom,
} from 'xstate';
import { getStateNodes, TestModel, toDirectedGraph, type DirectedGraphNode, type TestPath } from 'xstate/graph';
import type { DiskView, Effect, Effects } from './protocol';

// ── the definition ─────────────────────────────────────────────────────────

function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const inner = (guard as { guards?: unknown[] }).guards;
    return inner ? `${guard.name}(${inner.map(guardName).join(', ')})` : guard.name;
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String(guard.type);
  return '?';
}

/** A transition's name: source, event (or `always`), guard, its place among
 *  the candidates for that event, and target. */
export function nameOf(t: AnyTransitionDefinition): string {
  const eventType = String(t.eventType);
  const candidates: readonly AnyTransitionDefinition[] = eventType === '' ? (t.source.always ?? []) : (t.source.transitions.get(eventType) ?? []);
  const place = candidates.length > 1 ? ` #${candidates.indexOf(t) + 1}` : '';
  const guard = t.guard === undefined ? '' : ` [${guardName(t.guard)}]`;
  const to = t.target ? t.target.map((s) => s.id).join(', ') : '(stays)';
  return `${t.source.id} --${eventType === '' ? 'always' : eventType}${guard}${place}--> ${to}`;
}

/** Every transition of the definition: the edges of toDirectedGraph and
 *  each state's `always` transitions (where the guards that decide a
 *  request, such as quorumMet, live). */
export function transitionsOf(machine: AnyStateMachine): Map<AnyTransitionDefinition, string> {
  const out = new Map<AnyTransitionDefinition, string>();
  const walk = (node: DirectedGraphNode): void => {
    for (const edge of node.edges) out.set(edge.transition, nameOf(edge.transition));
    for (const child of node.children) walk(child);
  };
  walk(toDirectedGraph(machine));
  for (const node of [machine.root, ...getStateNodes(machine)]) for (const t of node.always ?? []) out.set(t, nameOf(t));
  return out;
}

export function stateIdsOf(machine: AnyStateMachine): string[] {
  return getStateNodes(machine)
    .map((s) => s.id)
    .sort();
}

/** The delayed events of the definition, as xstate/graph sends them. */
function delayedEvents(machine: AnyStateMachine): EventObject[] {
  return getStateNodes(machine).flatMap((node) => node.after.map((t) => ({ type: String(t.eventType) })));
}

// ── paths ──────────────────────────────────────────────────────────────────

export interface ModelOptions<M extends AnyStateMachine> {
  input: InputFrom<M>;
  /** Events to try in a snapshot; those it does not accept are left out. */
  events: (snapshot: SnapshotFrom<M>) => readonly EventFromLogic<M>[];
  /** What of the context tells two states apart (default: all of it).
   *  Leave out what only grows (a time, a counter) to keep the graph finite. */
  project?: (context: SnapshotFrom<M>['context']) => unknown;
  /** What else tells two states apart in the traversal, not compared on
   *  replay: the model's children (see `withOwnSelf`), where behaviour
   *  depends on them and the context does not show it. */
  distinguish?: (snapshot: SnapshotFrom<M>) => unknown;
  /** What to traverse, when not the machine itself (see `withOwnSelf`). */
  logic?: AnyStateMachine;
}

export type ModelPath<M extends AnyStateMachine> = TestPath<SnapshotFrom<M>, EventFromLogic<M>>;

/** Ten times the longest step of these machines' graphs (about 2,000
 *  characters), far below a context that keeps growing. */
const MAX_KEY = 20_000;

export function modelPaths<M extends AnyStateMachine>(machine: M, options: ModelOptions<M>): ModelPath<M>[] {
  type S = SnapshotFrom<M>;
  type E = EventFromLogic<M>;
  const project = options.project ?? ((context: S['context']) => context);
  const timers = delayedEvents(machine) as E[];
  const logic = (options.logic ?? machine) as unknown as ActorLogic<S, E, InputFrom<M>>;
  const model = new TestModel<S, E, InputFrom<M>>(logic, {
    input: options.input,
    events: (snapshot: S) => [...options.events(snapshot), ...timers],
    filterEvents: (snapshot: S, event: E) => (snapshot as { can(e: E): boolean }).can(event),
    serializeState: (snapshot: S, event: E | undefined, previous?: S) => {
      const state = (s: S | undefined) =>
        s === undefined ? null : [(s as { value: unknown }).value, project((s as { context: S['context'] }).context), options.distinguish?.(s) ?? null];
      // An event's time is left out like the context's: the replay keeps time.
      const key = JSON.stringify([state(snapshot), event ?? null, state(previous)], (k, value: unknown) => (k === 'now' ? undefined : value));
      if (key.length > MAX_KEY) throw new Error(`a state of ${key.length} characters: the context grows without bound? ${key.slice(0, 500)}…`);
      return key;
    },
    // A graph that does not close (a context that only grows) fails here
    // instead of filling the memory.
    limit: 20_000,
  });
  return model.getShortestPaths();
}

/** For traversal only: a machine whose actions look at its own children
 *  (`self.getSnapshot().children`) needs `self` to be the actor traversed,
 *  where xstate/graph's stand-in scope has an empty actor. Children spawned
 *  during traversal are never started, so the model's children do not
 *  progress; the replay compares value and context, not children. */
export function withOwnSelf<M extends AnyStateMachine>(machine: M): M {
  const logic = Object.create(machine) as M;
  logic.transition = ((snapshot: SnapshotFrom<M>, event: EventFromLogic<M>, scope: Parameters<M['transition']>[2]) =>
    machine.transition(snapshot, event, { ...scope, self: Object.assign(Object.create(scope.self) as AnyActorRef, { getSnapshot: () => snapshot }) })) as M['transition'];
  return logic;
}

// ── replay ─────────────────────────────────────────────────────────────────

/** XState's SimulatedClock, which also says when its next timer is due. */
export class TestClock {
  private readonly clock = new SimulatedClock();
  private readonly due = new Map<number, number>();

  now(): number {
    return this.clock.now();
  }

  setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    const id = this.clock.setTimeout(() => {
      this.due.delete(id);
      fn();
    }, ms);
    this.due.set(id, this.clock.now() + ms);
    return id;
  }

  clearTimeout(id: number): void {
    this.due.delete(id);
    this.clock.clearTimeout(id);
  }

  set(t: number): void {
    this.clock.set(t);
  }

  nextDue(): number | undefined {
    return this.due.size === 0 ? undefined : Math.min(...this.due.values());
  }

  get pending(): number {
    return this.due.size;
  }
}

export interface Replayed<M extends AnyStateMachine> {
  /** 0 is the actor's start (`xstate.init`). */
  index: number;
  /** The event sent, or the delayed event whose timer fired. */
  event: EventFromLogic<M> | EventObject;
  timer: boolean;
  /** The clock when the step was over. */
  at: number;
  /** What the machine emitted in this step, in order. */
  effects: Effect[];
  /** What its children emitted, in order, each with the child's id. */
  childEffects: { child: string; effect: Effect }[];
  /** Values of the machine after each microstep of this step. */
  passed: string[];
  fired: AnyTransitionDefinition[];
  snapshot: SnapshotFrom<M>;
  /** Timers pending on the clock (the machine's and its children's). */
  timers: number;
}

export interface ReplayOptions {
  /** Events carry `now` and the clock moves to it before each is sent
   *  (request machines); otherwise only timers move the clock. */
  clocked: boolean;
  /** The clock's time when the actor starts (default 0). */
  start?: number;
}

const isTimer = (event: EventObject): boolean => event.type.startsWith('xstate.after.');

/** Replays a model path on a real actor, checking at each step that the
 *  actor is where the model is. */
export function replay<M extends AnyStateMachine>(machine: M, model: Pick<ModelOptions<M>, 'input' | 'project'>, path: ModelPath<M>, options: ReplayOptions): Replayed<M>[] {
  const { input } = model;
  const project = model.project ?? ((context: SnapshotFrom<M>['context']) => context);
  const clock = new TestClock();
  clock.set(options.start ?? 0);
  const steps: Replayed<M>[] = [];
  let current: Omit<Replayed<M>, 'snapshot' | 'at' | 'timers'> = { index: 0, event: { type: 'xstate.init' }, timer: false, effects: [], childEffects: [], passed: [], fired: [] };
  const inspect = (ev: InspectionEvent): void => {
    const ref = ev.actorRef as AnyActorRef;
    const own = ref.sessionId === ev.rootId;
    if (ev.type === '@xstate.actor') {
      ref.on('effects', (emitted: Effects) => {
        if (own) current.effects.push(...emitted.effects);
        else for (const effect of emitted.effects) current.childEffects.push({ child: ref.id, effect });
      });
    } else if (ev.type === '@xstate.microstep' && own) {
      current.fired.push(...ev._transitions);
      current.passed.push(String((ev.snapshot as unknown as { value: unknown }).value));
    }
  };
  const actor = createActor(machine as AnyStateMachine, { input, clock, inspect });
  const record = (): void => {
    const snapshot = actor.getSnapshot() as SnapshotFrom<M>;
    steps.push({ ...current, snapshot, at: clock.now(), timers: clock.pending });
    // The model keeps one snapshot per state it tells apart: equal to the
    // actor's in what `project` keeps.
    const expected = path.steps[current.index]!.state as { value: unknown; context: SnapshotFrom<M>['context'] };
    const real = snapshot as { value: unknown; context: SnapshotFrom<M>['context'] };
    expect({ value: real.value, context: project(real.context) }, `step ${current.index} of ${path.description}`).toEqual({ value: expected.value, context: project(expected.context) });
  };
  actor.start();
  record();
  for (let i = 1; i < path.steps.length; i++) {
    const event = path.steps[i]!.event;
    current = { index: i, event, timer: isTimer(event), effects: [], childEffects: [], passed: [], fired: [] };
    if (current.timer) {
      const due = clock.nextDue();
      if (due === undefined) throw new Error(`step ${i}: ${event.type} but no timer is pending (${path.description})`);
      clock.set(due);
    } else {
      const now = (event as { now?: number }).now;
      if (options.clocked && now !== undefined) {
        if (now < clock.now()) throw new Error(`step ${i}: an event at ${now} after the clock reached ${clock.now()} (${path.description})`);
        // An event at the instant a timer is due comes first (in the
        // kernel's queue, it was there before the timer was set).
        if (now > clock.now()) clock.set(now);
      }
      actor.send(event);
    }
    record();
  }
  actor.stop();
  return steps;
}

// ── coverage ───────────────────────────────────────────────────────────────

/** States reached (every value passed through, and every state a transition
 *  left) and transitions of the definition taken, over many replays. */
export function covered<M extends AnyStateMachine>(machine: M, replays: Iterable<readonly Replayed<M>[]>): { states: string[]; transitions: string[] } {
  const definition = transitionsOf(machine);
  const states = new Set<string>();
  const transitions = new Set<string>();
  for (const steps of replays) {
    for (const step of steps) {
      for (const value of step.passed) states.add(`${machine.id}.${value}`);
      states.add(`${machine.id}.${String((step.snapshot as { value: unknown }).value)}`);
      for (const t of step.fired) {
        if (t.source !== machine.root) states.add(t.source.id);
        const name = definition.get(t);
        if (name !== undefined) transitions.add(name);
      }
    }
  }
  return { states: [...states].sort(), transitions: [...transitions].sort() };
}

// ── fixtures ───────────────────────────────────────────────────────────────

/** A disk with nothing on it (for events whose handler does not read it). */
export const emptyDisk: DiskView = {
  get: () => undefined,
  viewOf: () => [],
  hintsFor: () => [],
  hintHomes: () => [],
  nextCounter: () => 1,
  tree: () => undefined,
  keysInLeaf: () => [],
};

/** Effects of one type, typed. */
export function ofType<T extends Effect['type']>(effects: readonly Effect[], type: T): Extract<Effect, { type: T }>[] {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}
