// What the Machine tab shows at a cursor: which machine (a request, one
// side of an anti-entropy session, a hint replay, or one of a node's own
// machines), the state it is in, the transitions it took so far, the ones
// the current event made it take, and the guard that decided each one with
// the numbers it decided on ("quorumMet: 2 of W = 2 acks"). Read from the
// trace's machine facts, so it moves with the Timeline both ways.

import type { AnyStateMachine } from 'xstate';
import { antiEntropy } from '../../sim/machines/antiEntropy';
import { coordinator } from '../../sim/machines/coordinator';
import { hintReplay } from '../../sim/machines/hintReplay';
import { merkleSession } from '../../sim/machines/merkleSession';
import { readRequest } from '../../sim/machines/readRequest';
import { replica } from '../../sim/machines/replica';
import { writeRequest } from '../../sim/machines/writeRequest';
import type { OpView } from '../../sim/timeline';
import type { MachineRole } from '../../sim/trace';
import type { ClusterConfig, NodeId, Step } from '../../sim/types';
import type { Ring } from '../../sim/ring';
import { isolate } from '../format';
import { describeRequest } from '../explain/requestStory';
import { machineKey, type TraceIndex, type Transition } from '../traceIndex';
import { chartOf, eventWords, waysTaken, type Chart, type Way } from './chart';

export type MachineSubject =
  | { kind: 'request'; op: number }
  | { kind: 'session'; session: string; node: NodeId }
  | { kind: 'replay'; node: NodeId; home: NodeId }
  | { kind: 'node'; node: NodeId; role: MachineRole };

/** A subject as one string (the store keeps it; the picker's option values). */
export function subjectKey(s: MachineSubject): string {
  switch (s.kind) {
    case 'request':
      return `request ${s.op}`;
    case 'session':
      return `session ${s.session} ${s.node}`;
    case 'replay':
      return `replay ${s.node} ${s.home}`;
    case 'node':
      return `node ${s.node} ${s.role}`;
  }
}

export function parseSubject(key: string): MachineSubject | null {
  const [kind, a, b] = key.split(' ');
  if (kind === 'request' && a !== undefined && /^\d+$/.test(a)) return { kind, op: Number(a) };
  if (kind === 'session' && a && b) return { kind, session: a, node: b };
  if (kind === 'replay' && a && b) return { kind, node: a, home: b };
  if (kind === 'node' && a && (b === 'replica' || b === 'coordinator' || b === 'antiEntropy')) return { kind, node: a, role: b };
  return null;
}

const ROLE_MACHINES: Record<MachineRole, AnyStateMachine> = { replica, coordinator, antiEntropy };
const ROLE_WORDS: Record<MachineRole, string> = { replica: 'replica', coordinator: 'coordinator', antiEntropy: 'anti-entropy' };

export interface Taken {
  transition: Transition;
  ways: Way[];
  /** Each deciding guard with its numbers, in words. */
  why: string[];
}

export interface MachineAt {
  subject: MachineSubject;
  /** "alice's write of cart (step 0), coordinated by n3". */
  title: string;
  chart: Chart;
  /** The state at the cursor; null before the machine started. */
  state: string | null;
  /** Transitions taken up to the cursor, oldest first. */
  history: Transition[];
  /** Those the event at the cursor made it take. */
  now: Taken[];
}

export interface MachineContext {
  index: TraceIndex;
  ring: Ring;
  cluster: ClusterConfig;
  steps: readonly Step[];
  ops: ReadonlyMap<number, OpView>;
  /** Each node's machines and their states at the cursor. */
  nodeMachines: (node: NodeId) => ReadonlyMap<string, string> | undefined;
  cursor: number;
}

function opTitle(op: Pick<OpView, 'op' | 'type' | 'client' | 'key' | 'coordinator'>): string {
  const what = op.type === 'get' ? 'read' : op.type === 'delete' ? 'delete' : `write of ${isolate(op.key)}`;
  const of = op.type === 'get' || op.type === 'delete' ? ` of ${isolate(op.key)}` : '';
  return `${isolate(op.client)}'s ${what}${of} (step ${op.op})${op.coordinator ? `, coordinated by ${op.coordinator}` : ''}`;
}

function transitionsOf(subject: MachineSubject, index: TraceIndex): Transition[] {
  switch (subject.kind) {
    case 'request':
      return index.ops.get(subject.op)?.transitions ?? [];
    case 'session':
      return (index.sessions.get(subject.session)?.transitions ?? []).filter((t) => t.node === subject.node);
    case 'replay':
      return index.machines.get(machineKey(subject.node, `replay-${subject.home}`)) ?? [];
    case 'node':
      return index.machines.get(machineKey(subject.node, subject.role)) ?? [];
  }
}

/** The guards that decided a transition, with the numbers they decided on. */
function guardWords(ways: readonly Way[], subject: MachineSubject, ctx: MachineContext): string[] {
  const out: string[] = [];
  const op = subject.kind === 'request' ? ctx.ops.get(subject.op) : undefined;
  const story = op ? describeRequest(op, ctx) : null;
  for (const w of ways) {
    if (w.event.startsWith('xstate.after.')) {
      out.push(`${eventWords(w.event)}: ${ctx.cluster.requestTimeoutMs} ms passed with no way on`);
      continue;
    }
    if (w.guard === null) continue;
    const acks = story ? (story.isRead ? 'replies' : 'acks') : '';
    switch (w.guard) {
      case 'quorumMet':
        out.push(story ? `quorumMet: ${story.counted.length} of ${story.quorumName} = ${story.quorum} ${acks}` : 'quorumMet');
        break;
      case 'allAnswered':
        out.push(story ? `allAnswered: ${story.counted.length} of ${story.targets.length} replicas asked have answered` : 'allAnswered');
        break;
      case 'unavailable': {
        const why = op?.why?.kind === 'unavailable' ? op.why : null;
        out.push(why ? `unavailable: only ${why.reachable.length} reachable, ${why.quorum} = ${why.need} needed` : 'unavailable');
        break;
      }
      case 'repairFirst':
        out.push(story ? `repairFirst: ${story.quorumName} = ${story.quorum} met, a reply was stale, and read repair is blocking` : 'repairFirst');
        break;
      case 'repairsDone':
        out.push('repairsDone: every stale replica acked its repair');
        break;
      case 'noRepair':
        out.push('noRepair: read repair is off');
        break;
      case 'equal':
        out.push("equal: the peer's hashes match this side's");
        break;
      case 'childrenDiffer':
        out.push('childrenDiffer: some hashes differ, so the two compare one level further down');
        break;
      default:
        out.push(w.guard);
    }
  }
  return out;
}

export function machineAt(subject: MachineSubject, ctx: MachineContext): MachineAt | null {
  const { index, cursor } = ctx;
  let machine: AnyStateMachine;
  let title: string;
  switch (subject.kind) {
    case 'request': {
      const op = ctx.ops.get(subject.op);
      const step = ctx.steps[subject.op];
      // A request not started yet is drawn too, from its step.
      const planned = op ?? (step && (step.do === 'put' || step.do === 'get' || step.do === 'delete') ? { op: subject.op, type: step.do, client: step.client, key: step.key, coordinator: null } : null);
      if (!planned) return null;
      machine = planned.type === 'get' ? readRequest : writeRequest;
      title = opTitle(planned);
      break;
    }
    case 'session': {
      const facts = index.sessions.get(subject.session);
      if (!facts) return null;
      machine = merkleSession;
      const other = facts.initiator === subject.node ? facts.peer : facts.initiator;
      title = `${subject.node}'s side of anti-entropy session ${subject.session} with ${other}`;
      break;
    }
    case 'replay':
      machine = hintReplay;
      title = `${subject.node} handing its hints back to ${subject.home}`;
      break;
    case 'node':
      machine = ROLE_MACHINES[subject.role];
      title = `${subject.node}'s ${ROLE_WORDS[subject.role]} machine`;
      break;
  }
  const chart = chartOf(machine);
  const all = transitionsOf(subject, index);
  const history = all.filter((t) => t.e <= cursor);
  let state: string | null;
  if (subject.kind === 'node') state = ctx.nodeMachines(subject.node)?.get(subject.role) ?? history.at(-1)?.to ?? 'up';
  else state = history.at(-1)?.to ?? null;
  const now = history
    .filter((t) => t.e === cursor)
    .map((transition) => {
      const ways = waysTaken(chart, transition.from, transition.event, transition.to);
      return { transition, ways, why: guardWords(ways, subject, ctx) };
    });
  return { subject, title, chart, state, history, now };
}

/** The machine shown when none is chosen: the request the Request tab
 *  shows, else the selected node's replica. */
export function defaultSubject(selectedOp: number | null, selectedNode: NodeId | null, shownOp: OpView | null): MachineSubject | null {
  if (selectedOp !== null) return { kind: 'request', op: selectedOp };
  if (shownOp) return { kind: 'request', op: shownOp.op };
  if (selectedNode !== null) return { kind: 'node', node: selectedNode, role: 'replica' };
  return null;
}

export interface SubjectOption {
  key: string;
  label: string;
}

/** Machines a person can pick at the cursor: the latest requests, the
 *  sessions and hint replays under way or done, and every node's own machines. */
export function subjectOptions(ctx: MachineContext, nodes: readonly NodeId[], limit = 40): SubjectOption[] {
  const { index, cursor } = ctx;
  const out: SubjectOption[] = [];
  const started = [...ctx.ops.values()].sort((a, b) => b.startMs - a.startMs || b.op - a.op).slice(0, limit);
  for (const op of started) out.push({ key: subjectKey({ kind: 'request', op: op.op }), label: `Request: ${opTitle(op)}` });
  const sessions = [...index.sessions.values()].filter((s) => s.startE <= cursor).sort((a, b) => b.startE - a.startE).slice(0, limit);
  for (const s of sessions) {
    for (const node of [s.initiator, s.peer]) out.push({ key: subjectKey({ kind: 'session', session: s.session, node }), label: `Session ${s.session}: ${node}'s side` });
  }
  for (const [key, list] of index.machines) {
    const [node, actor] = key.split('\u0000') as [NodeId, string];
    if (actor.startsWith('replay-') && list[0]!.e <= cursor) out.push({ key: subjectKey({ kind: 'replay', node, home: actor.slice(7) }), label: `Hint replay: ${node} to ${actor.slice(7)}` });
  }
  for (const node of nodes) {
    for (const role of ['replica', 'coordinator', 'antiEntropy'] as const) out.push({ key: subjectKey({ kind: 'node', node, role }), label: `Node ${node}: ${ROLE_WORDS[role]}` });
  }
  return out;
}
