// The kernel is the environment the nodes' machines run in: one event queue
// on virtual time, one seed, the network, the failure detector and each
// node's disk. `step()` processes exactly one event — a scenario step, a
// message delivery or drop, or a timer firing — which is what the CLI
// counts and the UI's Timeline moves through.
//
// How the machines and the kernel talk (machines/protocol.ts):
// - in: the kernel sends each actor plain events carrying the virtual time
//   and a read-only view of the node's disk (`DiskView`);
// - out: a machine's actions `emit` an `effects` event listing what it
//   wants done (send, store, keep a hint, answer the client…); the kernel
//   subscribes to every actor of a node, its spawned children included,
//   through XState's inspection API, and carries the effects out;
// - time: XState's own delayed transitions (`after`) run on the kernel's
//   clock, so a request's timeout is a queued event like any other;
// - the trace: every microstep of a request, hint replay or anti-entropy
//   session machine, and every change of a node machine's state, is
//   recorded as a fact `{actor, from, event, to}` (no prose: views make the
//   words).

import { createActor, type Actor, type AnyActorLogic, type AnyActorRef, type InspectionEvent } from 'xstate';
import { Checker, type Consistency, type Violation } from './checker';
import { EVENT_CAP } from './eventCap';
import { replayChildId } from './hintedHandoff';
import { antiEntropy, sessionId, type AntiEntropyEvent } from './machines/antiEntropy';
import { coordinator, requestId } from './machines/coordinator';
import { hintReplay } from './machines/hintReplay';
import { merkleSession } from './machines/merkleSession';
import type { Effect, Effects } from './machines/protocol';
import { readRequest } from './machines/readRequest';
import { replica } from './machines/replica';
import { writeRequest } from './machines/writeRequest';
import type { Message } from './messages';
import { Network, type DropReason } from './network';
import { EventQueue } from './queue';
import { Ring } from './ring';
import { Storage, type HintChange, type StoreChange } from './storage';
import { TraceLog } from './traceLog';
import type { MachineRole, TraceRecord } from './trace';
import type { NodeId, SimScenario, Step } from './types';
import { EMPTY_VV, isTombstone, type Sibling, type VersionVector } from './versions';

/** What waits in the queue: a message arriving or being lost on the way
 *  (`id`, `from` and `to` as node positions, `msg`, a drop's `reason`), or
 *  a timer (`owner`, `name`, `fire`). Every item has every field, so they
 *  all share one shape. */
interface Item {
  t: number;
  seq: number;
  kind: 'deliver' | 'drop' | 'timer';
  id: number;
  from: number;
  to: number;
  msg: Message | null;
  reason: DropReason | null;
  owner: NodeId | null;
  name: string;
  fire: (() => void) | null;
  cancelled: boolean;
}

interface NodeRuntime {
  id: NodeId;
  /** Position in the cluster's node list (how the trace log names nodes). */
  index: number;
  storage: Storage;
  replica: Actor<typeof replica>;
  coordinator: Actor<typeof coordinator>;
  antiEntropy: Actor<typeof antiEntropy>;
  up: boolean;
  skewMs: number;
  /** Peers the failure detector has told this node are unreachable. */
  knownDown: Set<NodeId>;
  /** The kernel's own timers for this node (anti-entropy tick, purges). */
  timers: Map<string, Item>;
  /** Request machines this node's coordinator has open, by operation (see
   *  machines/coordinator.ts for why the kernel hosts them). */
  requests: Map<number, AnyActorRef>;
  /** The clock and inspector every actor of each of its machine families
   *  runs with (made once: every request actor takes the coordinator's). */
  families: Record<MachineRole, Family>;
}

interface Family {
  clock: { setTimeout: (fn: (...args: unknown[]) => void, ms: number) => Item; clearTimeout: (item: Item) => void };
  inspect: (ev: InspectionEvent) => void;
}

/** The machines children are spawned from, by the name their parent gives
 *  them (an actor's `src`): where the kernel finds a new actor's initial state. */
const CHILD_LOGIC: Readonly<Record<string, AnyActorLogic>> = { hintReplay, merkleSession };

/** What a timer of each node machine's family is for (a trace fact). */
const TIMER_NAMES: Readonly<Record<MachineRole, string>> = { coordinator: 'request timeout', replica: 'hint replay retry', antiEntropy: 'session timeout' };

/** A machine's initial state: the state an actor is in before its first microstep. */
function initialStateOf(ref: AnyActorRef): string {
  const logic = typeof ref.src === 'string' ? CHILD_LOGIC[ref.src] : ref.src;
  const config = (logic as { config?: { initial?: unknown } } | undefined)?.config;
  return typeof config?.initial === 'string' ? config.initial : '';
}

/** A machine actor's state (every machine here is flat: its value is a name). */
function stateOf(ref: AnyActorRef): string {
  return String((ref.getSnapshot() as { value: unknown }).value);
}

/** What the kernel keeps of each actor it inspects, from its creation on. */
interface Watched {
  /** How the trace names it: a node machine by its role, any other actor by its id. */
  actor: string;
  /** A node machine records only its changes of state. */
  nodeMachine: boolean;
  /** Its state before its next microstep. */
  state: string;
  /** A request's operation: it leaves its node's open requests when done. */
  op?: number;
}

export class Kernel {
  readonly ring: Ring;
  /** The trace as written, in columns (see traceLog.ts). */
  readonly log: TraceLog;
  /** Per scenario step: whether its operation is still waiting for an
   *  answer, and which node coordinates it. The operations themselves are
   *  folded from the trace when asked for (see operations.ts). */
  private readonly pending: Uint8Array;
  private readonly coordinatorOf: Int32Array;
  /** Kernel events processed so far. */
  events = 0;
  now = 0;

  private readonly queue = new EventQueue<Item>();
  private readonly network: Network;
  private readonly nodes = new Map<NodeId, NodeRuntime>();
  private readonly byIndex: NodeRuntime[] = [];
  private readonly checker: Checker;
  /** Vector mode: client → key → the causal context of its last response. */
  private readonly clientContext = new Map<string, Map<string, VersionVector>>();
  private readonly steps: readonly Step[];
  /** Step indices in the order they run: by time, equal times in list
   *  order. Steps wait here rather than in the heap, which then holds only
   *  what is in flight. */
  private readonly stepOrder: number[];
  private readonly stepTimes: Float64Array;
  private nextStep = 0;
  private readonly backgroundHorizonMs: number;
  private seq = 0;
  private msgSeq = 0;
  private readonly watched = new WeakMap<AnyActorRef, Watched>();

  constructor(readonly scenario: SimScenario) {
    const { cluster } = scenario;
    this.steps = scenario.steps;
    this.pending = new Uint8Array(scenario.steps.length);
    this.coordinatorOf = new Int32Array(scenario.steps.length).fill(-1);
    this.ring = new Ring(cluster.nodes, cluster.vnodes, cluster.n);
    this.network = new Network(scenario.network, scenario.seed);
    this.log = new TraceLog(cluster.nodes, scenario.steps);
    this.checker = new Checker(
      {
        lost: (op, key) => this.log.other({ k: 'verdict', kind: 'lost', key, op, node: null, e: this.events, t: this.now }),
        resurrection: (key, deleteOp, _byWrite, node) => this.log.other({ k: 'verdict', kind: 'resurrection', key, op: deleteOp, node, e: this.events, t: this.now }),
      },
      cluster.conflicts,
    );
    const lastStepAt = scenario.steps.reduce((m, s) => Math.max(m, s.at), 0);
    this.backgroundHorizonMs = lastStepAt + 3 * cluster.antiEntropy.intervalMs;
    cluster.nodes.forEach((id, index) => {
      const rt = this.createNode(id, index);
      this.nodes.set(id, rt);
      this.byIndex.push(rt);
    });
    // Steps run in time order; equal times keep their list order. A step
    // runs before anything else queued for the same instant.
    this.stepOrder = scenario.steps.map((_, i) => i).sort((a, b) => scenario.steps[a]!.at - scenario.steps[b]!.at || a - b);
    this.stepTimes = Float64Array.from(this.stepOrder, (i) => scenario.steps[i]!.at);
    // The operator's scheduler starts a node's anti-entropy every
    // intervalMs, the nodes' first ticks spread over one interval.
    if (cluster.antiEntropy.intervalMs > 0) {
      const every = cluster.antiEntropy.intervalMs;
      cluster.nodes.forEach((id, i) => this.armTick(this.nodes.get(id)!, Math.round((every * (i + 1)) / cluster.nodes.length)));
    }
  }

  private createNode(id: NodeId, index: number): NodeRuntime {
    const { cluster } = this.scenario;
    const storage = new Storage(id, this.ring, cluster.conflicts, cluster.antiEntropy.merkleDepth, {
      onChange: (c) => this.onStoreChange(index, c),
      onHint: (c) => this.onHintChange(c),
    });
    const shared: Record<NodeId, number[]> = {};
    for (const peer of cluster.nodes) {
      if (peer === id) continue;
      shared[peer] = this.ring.ranges.filter((r) => r.replicas.includes(id) && r.replicas.includes(peer)).map((r) => r.index);
    }
    const peers = cluster.nodes.filter((p) => p !== id && shared[p]!.length > 0);
    // The actors are created below; their inspectors and clocks reach them through `rt`.
    const rt = { id, index, storage, up: true, skewMs: 0, knownDown: new Set<NodeId>(), timers: new Map<string, Item>(), requests: new Map() } as NodeRuntime;
    rt.families = { replica: this.family(rt, 'replica'), coordinator: this.family(rt, 'coordinator'), antiEntropy: this.family(rt, 'antiEntropy') };
    const options = (role: MachineRole) => this.actorOptions(rt, role, `${id}.${role}`);
    rt.replica = createActor(replica, { ...options('replica'), input: { node: id, hintedHandoff: cluster.hintedHandoff, requestTimeoutMs: cluster.requestTimeoutMs } });
    rt.coordinator = createActor(coordinator, { ...options('coordinator'), input: { node: id, cluster } });
    rt.antiEntropy = createActor(antiEntropy, {
      ...options('antiEntropy'),
      input: { node: id, peers, shared, depth: cluster.antiEntropy.merkleDepth, conflicts: cluster.conflicts, timeoutMs: cluster.requestTimeoutMs },
    });
    rt.replica.start();
    rt.coordinator.start();
    rt.antiEntropy.start();
    return rt;
  }

  // ── the machines, as the kernel sees them ──────────────────────────────

  /** Every actor of a node's machine family runs on the kernel's clock and
   *  reports to its inspector. */
  private family(rt: NodeRuntime, role: MachineRole): Family {
    return { clock: this.clockFor(rt.id, role), inspect: (ev) => this.inspect(rt, role, ev) };
  }

  private actorOptions(rt: NodeRuntime, role: MachineRole, id: string) {
    const { clock, inspect } = rt.families[role];
    return { id, clock, inspect };
  }

  /** The coordinator's word: run this request's machine. */
  private startRequest(rt: NodeRuntime, request: Extract<Effect, { type: 'startRequest' }>['request']): void {
    const options = this.actorOptions(rt, 'coordinator', requestId(request.input.op));
    const actor: AnyActorRef = request.kind === 'write' ? createActor(writeRequest, { ...options, input: request.input }) : createActor(readRequest, { ...options, input: request.input });
    rt.requests.set(request.input.op, actor);
    // Its inspector sees it finish (below): no observer of its own, which
    // matters when tens of thousands are open at once.
    this.watched.get(actor)!.op = request.input.op;
    actor.start();
  }

  /** XState's delayed events for one of a node's machine families, on
   *  virtual time: a timer in the kernel's queue like any other. */
  private clockFor(node: NodeId, role: MachineRole): Family['clock'] {
    return {
      setTimeout: (fn, ms) => this.schedule(node, TIMER_NAMES[role], ms, () => fn()),
      clearTimeout: (item: Item) => this.cancel(item),
    };
  }

  /** Every actor of a node's machine family reports here: a new actor (its
   *  effects are subscribed to), and each microstep (a trace fact). */
  private inspect(rt: NodeRuntime, role: MachineRole, ev: InspectionEvent): void {
    // Inspection types its actors loosely (`ActorRefLike`); every actor in
    // these systems is one createActor or a spawn made.
    const ref = ev.actorRef as AnyActorRef;
    if (ev.type === '@xstate.actor') {
      const nodeMachine = ref.id === `${rt.id}.${role}`;
      this.watched.set(ref, { actor: nodeMachine ? role : ref.id, nodeMachine, state: initialStateOf(ref) });
      ref.on('effects', (emitted: Effects) => this.carryOut(rt, emitted.effects));
      return;
    }
    if (ev.type !== '@xstate.microstep') return;
    const snapshot = ev.snapshot as { value?: unknown; status?: string };
    const watched = this.watched.get(ref)!;
    const from = watched.state;
    const to = String(snapshot.value);
    watched.state = to;
    // A node machine's own work (storing a write, answering a read) leaves
    // its facts in the trace already: only its changes of state are recorded.
    if (watched.nodeMachine && from === to) return;
    const done = snapshot.status === 'done';
    this.log.machine(this.events, this.now, rt.index, role, watched.actor, from, ev.event.type, to, done);
    if (done && watched.op !== undefined) rt.requests.delete(watched.op);
  }

  private child(parent: AnyActorRef, id: string): AnyActorRef | undefined {
    return (parent.getSnapshot() as { children: Record<string, AnyActorRef | undefined> }).children[id];
  }

  // ── the loop ────────────────────────────────────────────────────────────

  /** Process exactly one event. False when nothing is left to do. */
  step(): boolean {
    const top = this.liveTop();
    const index = this.stepOrder[this.nextStep];
    if (index !== undefined && (top === undefined || this.stepTimes[this.nextStep]! <= top.t)) {
      this.now = this.stepTimes[this.nextStep]!;
      this.nextStep++;
      this.events++;
      this.applyStep(index);
      return true;
    }
    if (top === undefined) return false;
    this.queue.pop();
    this.now = top.t;
    this.events++;
    this.process(top);
    return true;
  }

  /** The queue's first item that is not a cancelled timer (those are
   *  discarded on the way). */
  private liveTop(): Item | undefined {
    for (;;) {
      const top = this.queue.peek();
      if (top === undefined || top.kind !== 'timer' || !top.cancelled) return top;
      this.queue.pop();
    }
  }

  /** Time of the next live event, if any. */
  nextTime(): number | undefined {
    const top = this.liveTop();
    const index = this.stepOrder[this.nextStep];
    if (index === undefined) return top?.t;
    const at = this.stepTimes[this.nextStep]!;
    return top === undefined ? at : Math.min(at, top.t);
  }

  runUntil(t: number): void {
    for (let next = this.nextTime(); next !== undefined && next <= t; next = this.nextTime()) this.step();
  }

  /** Run until the queue is empty or `maxEvents` events have been processed
   *  in total (by default the cap every run shares, eventCap.ts). Returns
   *  true when the run ended by itself. */
  runToEnd(maxEvents = EVENT_CAP): boolean {
    while (this.events < maxEvents) if (!this.step()) return true;
    return this.nextTime() === undefined;
  }

  private process(item: Item): void {
    switch (item.kind) {
      case 'deliver':
        this.deliver(item);
        break;
      case 'drop':
        this.recordDrop(item, item.reason!);
        break;
      case 'timer': {
        const rt = item.owner === null ? undefined : this.nodes.get(item.owner);
        if (rt?.timers.get(item.name) === item) rt.timers.delete(item.name);
        this.log.other({ k: 'timer', node: item.owner, name: item.name, e: this.events, t: this.now });
        item.fire!();
        break;
      }
    }
  }

  /** Every record so far, as objects (built once from the log and kept). */
  get trace(): readonly TraceRecord[] {
    return this.log.records();
  }

  private recordDrop(item: Item, reason: DropReason): void {
    this.log.other({ k: 'drop', id: item.id, from: this.byIndex[item.from]!.id, to: this.byIndex[item.to]!.id, reason, e: this.events, t: this.now });
  }

  // ── timers ──────────────────────────────────────────────────────────────

  private schedule(owner: NodeId | null, name: string, delayMs: number, fire: () => void): Item {
    const t = this.now + Math.max(0, delayMs);
    const item: Item = { t, seq: this.seq++, kind: 'timer', id: 0, from: 0, to: 0, msg: null, reason: null, owner, name, fire, cancelled: false };
    this.queue.push(item);
    return item;
  }

  private cancel(item: Item | undefined): void {
    if (item) item.cancelled = true;
  }

  /** A kernel timer of one node's, replacing any of the same name. */
  private nodeTimer(rt: NodeRuntime, name: string, delayMs: number, fire: () => void): void {
    this.cancel(rt.timers.get(name));
    rt.timers.set(name, this.schedule(rt.id, name, delayMs, fire));
  }

  /** The next anti-entropy tick, unless it would fall after the run's
   *  background horizon (a run with no more steps ends). */
  private armTick(rt: NodeRuntime, delayMs: number): void {
    if (this.now + delayMs > this.backgroundHorizonMs) return;
    this.nodeTimer(rt, 'ae-tick', delayMs, () => {
      this.armTick(rt, this.scenario.cluster.antiEntropy.intervalMs);
      if (rt.up) rt.antiEntropy.send({ type: 'AE_TICK', now: this.now, disk: rt.storage });
    });
  }

  // ── network ─────────────────────────────────────────────────────────────

  private flight(t: number, kind: 'deliver' | 'drop', id: number, from: number, to: number, msg: Message, reason: DropReason | null): void {
    this.queue.push({ t, seq: this.seq++, kind, id, from, to, msg, reason, owner: null, name: '', fire: null, cancelled: false });
  }

  private send(from: NodeRuntime, to: NodeId, msg: Message): void {
    const latency = this.network.latency(msg.type);
    const id = ++this.msgSeq;
    const target = this.nodes.get(to)!.index;
    const hintFor = msg.type === 'write' && msg.hintFor !== undefined ? this.nodes.get(msg.hintFor)!.index : undefined;
    this.log.send(this.events, this.now, id, from.index, target, msg, this.now + latency, hintFor);
    if (this.network.lostAtRandom()) {
      // A lost message dies halfway, which is where the UI shows it fade.
      this.flight(this.now + latency / 2, 'drop', id, from.index, target, msg, 'random');
      return;
    }
    this.flight(this.now + latency, 'deliver', id, from.index, target, msg, null);
    if (this.network.duplicated()) {
      const again = this.network.latency(msg.type);
      this.flight(this.now + again, 'deliver', id, from.index, target, msg, null);
    }
  }

  /** A message reaches a live node: the machine it is for takes it. Acks
   *  and replies go straight to the request, replay or session they belong
   *  to; one that has ended is no longer there to take them. */
  private deliver(item: Item): void {
    const rt = this.byIndex[item.to]!;
    const from = this.byIndex[item.from]!.id;
    const blocked: DropReason | null = !rt.up ? 'dead' : this.network.blocked(from, rt.id);
    if (blocked) {
      this.recordDrop(item, blocked);
      return;
    }
    this.log.deliver(this.events, this.now, item.id, item.from, item.to);
    const msg = item.msg!;
    const now = this.now;
    const disk = rt.storage;
    switch (msg.type) {
      case 'write':
        rt.replica.send({ type: 'write', msg, from, now, disk });
        break;
      case 'read':
        rt.replica.send({ type: 'read', msg, from, now, disk });
        break;
      case 'repair':
        rt.replica.send({ type: 'repair', msg, from, now, disk });
        break;
      case 'replay':
        rt.replica.send({ type: 'replay', msg, from, now, disk });
        break;
      case 'replayAck':
        this.child(rt.replica, replayChildId(from))?.send({ type: 'replayAck', msg, from, now, disk });
        break;
      case 'writeAck':
        rt.requests.get(msg.req)?.send({ type: 'writeAck', msg, from, now, disk });
        break;
      case 'readResp':
        rt.requests.get(msg.req)?.send({ type: 'readResp', msg, from, now, disk });
        break;
      case 'repairAck':
        rt.requests.get(msg.req)?.send({ type: 'repairAck', msg, from, now, disk });
        break;
      case 'merkle': {
        const event: AntiEntropyEvent = { type: 'merkle', msg, from, now, disk };
        let session = this.child(rt.antiEntropy, sessionId(msg.session));
        // The first message of a session another node opened: this node
        // joins it (a new session of its own), which then takes the message.
        if (!session && msg.level === 0) {
          rt.antiEntropy.send(event);
          session = this.child(rt.antiEntropy, sessionId(msg.session));
        }
        session?.send(event);
        break;
      }
      case 'sync':
        this.child(rt.antiEntropy, sessionId(msg.session))?.send({ type: 'sync', msg, from, now, disk });
        break;
    }
  }

  // ── effects from the machines ───────────────────────────────────────────

  private carryOut(rt: NodeRuntime, effects: readonly Effect[]): void {
    for (const fx of effects) {
      switch (fx.type) {
        case 'send':
          this.send(rt, fx.to, fx.msg);
          break;
        case 'store':
          rt.storage.apply(fx.key, fx.siblings, this.now, fx.cause);
          break;
        case 'keepHint':
          rt.storage.keepHint(fx.key, fx.home, fx.siblings);
          break;
        case 'dropHint':
          rt.storage.removeHint(fx.id, true);
          break;
        case 'handOff':
          rt.replica.send({ type: 'HAND_OFF', home: fx.home, now: this.now, disk: rt.storage });
          break;
        case 'startRequest':
          this.startRequest(rt, fx.request);
          break;
        case 'crashRequests':
          for (const [, request] of [...rt.requests].sort(([a], [b]) => a - b)) request.send({ type: 'CRASH', now: this.now });
          break;
        case 'claimDot':
          rt.storage.claimCounter(fx.key, fx.counter);
          break;
        case 'sent':
          this.log.sent(this.events, this.now, fx.op, fx.plan);
          break;
        case 'answer':
          this.answer(fx);
          break;
        case 'closed':
          this.log.opClose(this.events, this.now, fx.op, fx.acks, fx.replicas);
          break;
        case 'count':
          this.log.other({ k: 'count', node: rt.id, metric: fx.metric, by: fx.by, e: this.events, t: this.now });
          break;
        case 'sessionStart':
          this.log.other({ k: 'session', session: fx.session, node: rt.id, peer: fx.peer, phase: 'start', e: this.events, t: this.now });
          break;
        case 'sessionEnd':
          this.log.other({ k: 'session', session: fx.session, node: rt.id, peer: fx.peer, phase: 'end', outcome: fx.outcome, e: this.events, t: this.now });
          break;
      }
    }
  }

  private answer(fx: Extract<Effect, { type: 'answer' }>): void {
    if (this.pending[fx.op] !== 1) return;
    this.pending[fx.op] = 0;
    const step = this.steps[fx.op] as ClientStep;
    const status = fx.ok ? 'ok' : 'failed';
    let consistency: Consistency | null = null;
    let missed: number[] | undefined;
    let violations: Violation[] | undefined;
    let resurrected = false;
    if (step.do === 'get' && fx.ok) {
      const index = this.coordinatorOf[fx.op]!;
      const node = index < 0 ? null : this.byIndex[index]!.id;
      const v = this.checker.readFinished(fx.op, fx.seen, this.now);
      consistency = v.consistency;
      if (v.missed.length > 0) missed = v.missed;
      if (v.violations.length > 0) violations = v.violations;
      resurrected = v.resurrected;
      if (v.consistency === 'stale') this.log.other({ k: 'verdict', kind: 'stale', key: step.key, op: fx.op, node, e: this.events, t: this.now });
    }
    if (fx.ok && this.scenario.cluster.conflicts === 'vector') {
      let byKey = this.clientContext.get(step.client);
      if (!byKey) this.clientContext.set(step.client, (byKey = new Map<string, VersionVector>()));
      byKey.set(step.key, fx.context);
    }
    this.log.opEnd(this.events, this.now, fx.op, status, fx.values, fx.why, consistency, missed, violations, resurrected);
    // After its end: a write acknowledged that no replica kept is lost from then on.
    if (step.do !== 'get') this.checker.writeFinished(fx.op, fx.ok, this.now);
  }

  // ── storage hooks ───────────────────────────────────────────────────────

  private onStoreChange(index: number, c: StoreChange): void {
    this.log.store(this.events, this.now, index, c.key, c.after, c.cause);
    const spread = c.cause !== 'load' && c.cause !== 'purge' && c.cause !== 'wipe';
    this.checker.stored(c.node, c.key, c.before, c.after, this.now, spread);
    if (c.after && c.after.every(isTombstone)) this.schedulePurge(c.node, c.key);
  }

  private onHintChange(c: HintChange): void {
    this.log.other({ k: 'hint', node: c.node, id: c.hint.id, key: c.hint.key, for: c.hint.for, added: c.added, delivered: c.delivered, e: this.events, t: this.now });
    this.checker.hinted(c.hint.siblings, c.added);
  }

  /** Tombstones are purged `tombstoneGraceMs` after a replica stored them
   *  (compaction, on that node's disk; a dead node purges once revived). */
  private schedulePurge(node: NodeId, key: string): void {
    const rt = this.nodes.get(node)!;
    const since = rt.storage.tombstonedAt.get(key);
    if (since === undefined) return;
    const delay = Math.max(0, since + this.scenario.cluster.tombstoneGraceMs - this.now);
    this.nodeTimer(rt, `purge:${key}`, delay, () => {
      if (rt.up) rt.storage.purge(key, since, this.now);
    });
  }

  // ── scenario steps ──────────────────────────────────────────────────────

  private applyStep(index: number): void {
    const step = this.steps[index]!;
    this.log.step(this.events, this.now, index);
    switch (step.do) {
      case 'put':
      case 'delete':
      case 'get':
        this.clientRequest(index, step);
        break;
      case 'kill':
        this.kill(step.node, step.wipe === true);
        break;
      case 'revive':
        this.revive(step.node);
        break;
      case 'partition':
        this.network.partition(step.groups, this.scenario.cluster.nodes);
        this.networkChanged();
        break;
      case 'cut':
        this.network.cut(step.from, step.to);
        this.networkChanged();
        break;
      case 'heal':
        this.network.heal();
        this.networkChanged();
        break;
      case 'repair': {
        const rt = this.nodes.get(step.nodes[0])!;
        if (rt.up) rt.antiEntropy.send({ type: 'START_SESSION', peer: step.nodes[1], now: this.now, disk: rt.storage });
        break;
      }
      case 'skew':
        this.nodes.get(step.node)!.skewMs = step.offsetMs;
        this.log.other({ k: 'skew', node: step.node, offsetMs: step.offsetMs, e: this.events, t: this.now });
        break;
      case 'drop':
        this.network.dropRate = step.rate;
        this.recordNetwork();
        break;
      case 'load':
        this.load(index, step);
        break;
    }
  }

  private clientRequest(index: number, step: ClientStep): void {
    const { cluster } = this.scenario;
    const node = step.coordinator ?? this.defaultCoordinator(step.key);
    const quorum = step.do === 'get' ? (step.r ?? cluster.r) : (step.w ?? cluster.w);
    const rt = node === null ? undefined : this.nodes.get(node);
    this.pending[index] = 1;
    if (rt) this.coordinatorOf[index] = rt.index;
    this.log.opStart(this.events, this.now, index, rt ? rt.index : null, quorum);
    // Only vector mode sends a context (and only it records one).
    const context = step.do === 'get' || (step.do === 'put' && step.blind) || cluster.conflicts !== 'vector' ? EMPTY_VV : (this.clientContext.get(step.client)?.get(step.key) ?? EMPTY_VV);
    if (step.do === 'get') this.checker.readStarted(index, step.key, step.client, this.now);
    else this.checker.writeStarted(index, step.do, step.key, step.client, this.now, cluster.conflicts === 'vector' ? context : null);
    if (!rt?.up) {
      // No machine takes a request nobody can coordinate: the client's
      // connection fails.
      const why = node === null ? { kind: 'noCoordinator' as const } : { kind: 'coordinatorDown' as const, coordinator: node };
      this.answer({ type: 'answer', op: index, ok: false, seen: [], values: [], context: EMPTY_VV, why });
      this.log.opClose(this.events, this.now, index, 0, []);
      return;
    }
    const request = { op: index, key: step.key, homes: this.ring.preferenceList(step.key), extended: this.ring.extendedList(step.key), now: this.now, disk: rt.storage };
    if (step.do === 'get') rt.coordinator.send({ type: 'CLIENT_READ', ...request, r: quorum });
    else rt.coordinator.send({ type: 'CLIENT_WRITE', ...request, value: step.do === 'put' ? step.value : null, w: quorum, context, clock: this.now + rt.skewMs });
  }

  /** The client's load balancer: the first live home replica, else the first
   *  live node clockwise. */
  private defaultCoordinator(key: string): NodeId | null {
    for (const id of this.ring.extendedList(key)) if (this.nodes.get(id)!.up) return id;
    return null;
  }

  private load(index: number, step: Extract<Step, { do: 'load' }>): void {
    const rt = this.nodes.get(step.node)!;
    const ts = step.ts ?? this.now + rt.skewMs;
    const sibling: Sibling =
      this.scenario.cluster.conflicts === 'lww'
        ? { value: step.value, writeId: index, ts }
        : // A loaded value replaces the node's copy, so it cannot vouch for
          // the node's earlier dots: it gets an id used for this load only.
          { value: step.value, writeId: index, ts, dot: { node: `${step.node}/${index}`, counter: 1 }, past: {} };
    this.checker.writeStarted(index, 'load', step.key, null, this.now, this.scenario.cluster.conflicts === 'vector' ? EMPTY_VV : null);
    rt.storage.load(step.key, sibling, this.now);
  }

  private kill(node: NodeId, wipe: boolean): void {
    const rt = this.nodes.get(node)!;
    const wasUp = rt.up;
    if (wasUp) {
      rt.up = false;
      this.log.other({ k: 'node', node, up: false, ...(wipe ? { wiped: true as const } : {}), e: this.events, t: this.now });
      for (const t of rt.timers.values()) this.cancel(t);
      rt.timers.clear();
      // Each machine ends the work it has open (a request fails, a replay
      // pauses, a session is abandoned), and with it that work's timers.
      const kill = { type: 'KILL' as const, now: this.now };
      rt.replica.send(kill);
      rt.coordinator.send(kill);
      rt.antiEntropy.send(kill);
    } else if (wipe) {
      this.log.other({ k: 'node', node, up: false, wiped: true, e: this.events, t: this.now });
    }
    if (wipe) rt.storage.wipe(this.now);
    if (wasUp) this.networkChanged();
  }

  private revive(node: NodeId): void {
    const rt = this.nodes.get(node)!;
    if (rt.up) return;
    rt.up = true;
    this.log.other({ k: 'node', node, up: true, e: this.events, t: this.now });
    // A restarted node asks around before serving: it starts with the
    // network's truth; the others learn it is back after the detection delay.
    rt.knownDown = this.unreachableFrom(node);
    const revive = { type: 'REVIVE' as const, now: this.now, knownDown: [...rt.knownDown].sort(), disk: rt.storage };
    rt.replica.send(revive);
    rt.coordinator.send(revive);
    rt.antiEntropy.send(revive);
    if (this.scenario.cluster.antiEntropy.intervalMs > 0) this.armTick(rt, this.scenario.cluster.antiEntropy.intervalMs);
    for (const key of rt.storage.tombstonedAt.keys()) this.schedulePurge(node, key);
    this.networkChanged();
  }

  // ── failure detection ───────────────────────────────────────────────────

  private recordNetwork(): void {
    this.log.other({ k: 'net', groups: this.network.partitionGroups(), cuts: this.network.cutLinks(), dropRate: this.network.dropRate, e: this.events, t: this.now });
  }

  private networkChanged(): void {
    this.recordNetwork();
    // Each node learns what changed failureDetectionMs later, from the
    // network's truth as it was at the change (a later change schedules its
    // own update, so a flapping link settles on the latest truth).
    const truth = new Map<NodeId, Set<NodeId>>();
    for (const id of this.nodes.keys()) truth.set(id, this.unreachableFrom(id));
    this.schedule(null, 'failure detector', this.scenario.cluster.failureDetectionMs, () => this.learn(truth));
  }

  private reachable(a: NodeId, b: NodeId): boolean {
    return this.nodes.get(b)!.up && this.network.blocked(a, b) === null && this.network.blocked(b, a) === null;
  }

  private unreachableFrom(a: NodeId): Set<NodeId> {
    const out = new Set<NodeId>();
    for (const b of this.nodes.keys()) if (b !== a && !this.reachable(a, b)) out.add(b);
    return out;
  }

  private learn(truth: Map<NodeId, Set<NodeId>>): void {
    for (const rt of this.nodes.values()) {
      if (!rt.up) continue;
      const down = truth.get(rt.id)!;
      for (const peer of this.nodes.keys()) {
        if (peer === rt.id) continue;
        const isDown = down.has(peer);
        if (isDown === rt.knownDown.has(peer)) continue;
        if (isDown) rt.knownDown.add(peer);
        else rt.knownDown.delete(peer);
        this.log.other({ k: 'view', node: rt.id, peer, reachable: !isDown, e: this.events, t: this.now });
        if (isDown) {
          const event = { type: 'PEER_DOWN' as const, peer, now: this.now };
          rt.replica.send(event);
          rt.coordinator.send(event);
          rt.antiEntropy.send(event);
        } else {
          const event = { type: 'PEER_UP' as const, peer, now: this.now, disk: rt.storage };
          rt.replica.send(event);
          rt.coordinator.send(event);
          rt.antiEntropy.send(event);
        }
      }
    }
  }

  // ── inspection ──────────────────────────────────────────────────────────

  isUp(node: NodeId): boolean {
    return this.nodes.get(node)?.up ?? false;
  }

  storageOf(node: NodeId): Storage {
    return this.nodes.get(node)!.storage;
  }

  isLost(op: number): boolean {
    return this.checker.isLost(op);
  }

  /** Every replica as it is now: its machines' states, data, hints, open work. */
  snapshot(): NodeSnapshot[] {
    return [...this.nodes.values()].map((rt) => {
      const machines: { actor: string; state: string }[] = [];
      for (const [role, actor] of [['replica', rt.replica], ['coordinator', rt.coordinator], ['antiEntropy', rt.antiEntropy]] as const) {
        machines.push({ actor: role, state: String(actor.getSnapshot().value) });
        if (role === 'coordinator') for (const [op, request] of rt.requests) machines.push({ actor: requestId(op), state: stateOf(request) });
        for (const [id, child] of Object.entries(actor.getSnapshot().children)) machines.push({ actor: id, state: stateOf(child as AnyActorRef) });
      }
      return {
        id: rt.id,
        up: rt.up,
        skewMs: rt.skewMs,
        state: String(rt.replica.getSnapshot().value),
        machines,
        knownDown: [...rt.knownDown].sort(),
        data: [...rt.storage.data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, siblings]) => ({ key, siblings })),
        hints: [...rt.storage.hints.values()].map((h) => ({ id: h.id, key: h.key, for: h.for })),
      };
    });
  }
}

export interface NodeSnapshot {
  id: NodeId;
  up: boolean;
  skewMs: number;
  /** The replica machine's state, `up` or `down`. */
  state: string;
  /** Every machine of the node and its state: the replica, coordinator and
   *  anti-entropy machines, then the requests (`op-<n>`), hint replays
   *  (`replay-<home>`) and sessions (`ae-<id>`) they have open. */
  machines: { actor: string; state: string }[];
  knownDown: NodeId[];
  data: { key: string; siblings: readonly Sibling[] }[];
  hints: { id: string; key: string; for: NodeId }[];
}

type ClientStep = Extract<Step, { do: 'put' | 'get' | 'delete' }>;
