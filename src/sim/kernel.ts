// The kernel: one event queue on virtual time, one seed, the nodes' actors,
// the network, and the trace. `step()` processes exactly one event — a
// scenario step, a message delivery or drop, or a timer firing — which is
// what the CLI counts and the UI's Timeline moves through.

import { createActor, type Actor } from 'xstate';
import { antiEntropyMachine, type AntiEntropyEvent } from './antiEntropyMachine';
import { Checker, type Consistency, type Violation } from './checker';
import { coordinatorMachine, type CoordinatorEvent } from './coordinatorMachine';
import type { Effect, TimerEvent, TimerKey } from './effects';
import type { Message } from './messages';
import { Network, type DropReason } from './network';
import { newMachineEvent, resetEvent, timerEvent, type MachineEvent } from './machineEvent';
import { EVENT_CAP } from './eventCap';
import { EventQueue } from './queue';
import { replicaMachine, type ReplicaEvent } from './replicaMachine';
import { Ring } from './ring';
import { Storage, type HintChange, type StoreChange } from './storage';
import { TraceLog } from './traceLog';
import type { TraceRecord } from './trace';
import type { NodeId, SimScenario, Step } from './types';
import { EMPTY_VV, isTombstone, type Sibling, type VersionVector } from './versions';

/** What waits in the queue: a message arriving or being lost on the way
 *  (`id`, `from` and `to` as node positions, `msg`, a drop's `reason`), or
 *  a timer (the rest). One object per message or timer; every item has
 *  every field, so they all share one shape and the heap stays monomorphic. */
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
  role: Role | 'kernel';
  /** A timer's key: a string, or a request's operation (its timeout). */
  name: TimerKey;
  event: TimerEvent | null;
  fire: (() => void) | null;
  cancelled: boolean;
}

type Role = 'replica' | 'coordinator' | 'antiEntropy';

interface NodeRuntime {
  id: NodeId;
  /** Position in the cluster's node list (how the trace log names nodes). */
  index: number;
  storage: Storage;
  replica: Actor<typeof replicaMachine>;
  coordinator: Actor<typeof coordinatorMachine>;
  antiEntropy: Actor<typeof antiEntropyMachine>;
  up: boolean;
  skewMs: number;
  /** Peers this node currently believes unreachable (failure detector). */
  knownDown: Set<NodeId>;
  /** Pending timers by owner role and key (the kernel's own under 'kernel'). */
  timers: Record<Role | 'kernel', Map<TimerKey, Item>>;
}

// Hot lookups by a string that varies per call are switches here, not
// `table[name]`: a keyed load seeing many names goes megamorphic in V8 (a
// probe of its global stub cache, and an L1 miss more often than not).

/** Which of a node's machines a message is for. */
function routeOf(type: Message['type']): Role {
  switch (type) {
    case 'write':
    case 'read':
    case 'repair':
    case 'replay':
    case 'replayAck':
      return 'replica';
    case 'writeAck':
    case 'readResp':
    case 'repairAck':
      return 'coordinator';
    case 'merkle':
    case 'sync':
      return 'antiEntropy';
  }
}

/** A node's pending timers for one owner. */
function timersOf(rt: NodeRuntime, role: Role | 'kernel'): Map<TimerKey, Item> {
  switch (role) {
    case 'replica':
      return rt.timers.replica;
    case 'coordinator':
      return rt.timers.coordinator;
    case 'antiEntropy':
      return rt.timers.antiEntropy;
    case 'kernel':
      return rt.timers.kernel;
  }
}

export class Kernel {
  readonly ring: Ring;
  /** The trace as written, in columns (see traceLog.ts). */
  readonly log: TraceLog;
  /** Per scenario step: whether its operation is still waiting for an
   *  answer, and which node coordinates it. The operations themselves are
   *  folded from the trace when asked for (see operations.ts), so a run
   *  keeps no record per operation beside its trace. */
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
   *  what is in flight (a few hundred items, not one per operation). */
  private readonly stepOrder: number[];
  /** When each step in `stepOrder` runs (read once per event: a typed
   *  array, not a property of ten differently shaped step objects). */
  private readonly stepTimes: Float64Array;
  private nextStep = 0;
  private readonly backgroundHorizonMs: number;
  private seq = 0;
  /** The one event object every machine receives (see machineEvent.ts).
   *  A fresh object per message was also what the garbage collector ended
   *  up copying: V8 pretenures some of XState's per-event objects in a long
   *  run, and the dead ones kept each event and its message alive through
   *  the next collections. */
  private readonly ev = newMachineEvent();
  private msgSeq = 0;

  /** XState's own delayed events run on virtual time too (none are used today). */
  readonly clock = {
    setTimeout: (fn: (...args: unknown[]) => void, ms: number): Item => this.schedule(null, 'kernel', 'xstate', ms, () => fn()),
    clearTimeout: (item: Item) => this.cancel(item),
  };

  constructor(readonly scenario: SimScenario) {
    const { cluster } = scenario;
    this.steps = scenario.steps;
    this.pending = new Uint8Array(scenario.steps.length);
    this.coordinatorOf = new Int32Array(scenario.steps.length).fill(-1);
    this.ring = new Ring(cluster.nodes, cluster.vnodes, cluster.n);
    this.network = new Network(scenario.network, scenario.seed);
    this.log = new TraceLog(cluster.nodes, scenario.steps);
    this.checker = new Checker({
      lost: (op, key) => this.log.other({ k: 'verdict', kind: 'lost', key, op, node: null, e: this.events, t: this.now }),
      resurrection: (key, deleteOp, _byWrite, node) => this.log.other({ k: 'verdict', kind: 'resurrection', key, op: deleteOp, node, e: this.events, t: this.now }),
    }, cluster.conflicts);
    const lastStepAt = scenario.steps.reduce((m, s) => Math.max(m, s.at), 0);
    this.backgroundHorizonMs = lastStepAt + 3 * cluster.antiEntropy.intervalMs;
    cluster.nodes.forEach((id, index) => {
      const rt = this.createNode(id, index);
      this.nodes.set(id, rt);
      this.byIndex.push(rt);
    });
    // Steps run in time order; equal times keep their list order. A step
    // runs before anything else queued for the same instant, as if it had
    // been queued first.
    this.stepOrder = scenario.steps.map((_, i) => i).sort((a, b) => scenario.steps[a]!.at - scenario.steps[b]!.at || a - b);
    this.stepTimes = Float64Array.from(this.stepOrder, (i) => scenario.steps[i]!.at);
    if (cluster.antiEntropy.intervalMs > 0) {
      const every = cluster.antiEntropy.intervalMs;
      cluster.nodes.forEach((id, i) => {
        const first = Math.round((every * (i + 1)) / cluster.nodes.length);
        this.setTimer(this.nodes.get(id)!, 'antiEntropy', 'ae-tick', first, { type: 'AE_TICK' }, true);
      });
    }
  }

  private createNode(id: NodeId, index: number): NodeRuntime {
    const { cluster } = this.scenario;
    const storage = new Storage(id, this.ring, cluster.conflicts, cluster.antiEntropy.merkleDepth, {
      onChange: (c) => this.onStoreChange(index, c),
      onHint: (c) => this.onHintChange(c),
    });
    const input = { node: id, storage, cluster, ring: this.ring };
    // The sinks close over `rt`, which exists by the time any action runs.
    const sink = (role: Role) => (effects: Effect[]) => this.carryOut(rt, role, effects);
    const replica = createActor(replicaMachine, { id: `${id}.replica`, input: { ...input, out: sink('replica') }, clock: this.clock });
    const coordinator = createActor(coordinatorMachine, { id: `${id}.coordinator`, input: { ...input, out: sink('coordinator') }, clock: this.clock });
    const antiEntropy = createActor(antiEntropyMachine, { id: `${id}.antiEntropy`, input: { ...input, out: sink('antiEntropy') }, clock: this.clock });
    const timers = { replica: new Map(), coordinator: new Map(), antiEntropy: new Map(), kernel: new Map() };
    const rt: NodeRuntime = { id, index, storage, replica, coordinator, antiEntropy, up: true, skewMs: 0, knownDown: new Set(), timers };
    replica.start();
    coordinator.start();
    antiEntropy.start();
    return rt;
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
        if (rt) timersOf(rt, item.role).delete(item.name);
        this.log.other({ k: 'timer', node: item.owner, name: typeof item.name === 'number' ? `req:${item.name}` : item.name, e: this.events, t: this.now });
        if (item.fire) item.fire();
        else if (rt?.up && item.role !== 'kernel') this.sendTo(rt, item.role, timerEvent(this.ev, item.event!, this.now));
        break;
      }
    }
  }

  /** Every record so far, as objects (built once from the log and kept). */
  get trace(): readonly TraceRecord[] {
    return this.log.records();
  }

  // Records go to `log.other` built whole, event and time included: adding
  // `e` and `t` to a finished object gave each record a second shape and a
  // property array of its own.

  private recordDrop(item: Item, reason: DropReason): void {
    this.log.other({ k: 'drop', id: item.id, from: this.byIndex[item.from]!.id, to: this.byIndex[item.to]!.id, reason, e: this.events, t: this.now });
  }

  // ── timers ──────────────────────────────────────────────────────────────

  /** A timer either runs a kernel function (`fire`) or hands `event` back
   *  to the owning machine. */
  private schedule(owner: NodeId | null, role: Role | 'kernel', name: TimerKey, delayMs: number, fire: (() => void) | null, event: TimerEvent | null = null): Item {
    const t = this.now + Math.max(0, delayMs);
    const item: Item = { t, seq: this.seq++, kind: 'timer', id: 0, from: 0, to: 0, msg: null, reason: null, owner, role, name, event, fire, cancelled: false };
    this.queue.push(item);
    return item;
  }

  private flight(t: number, kind: 'deliver' | 'drop', id: number, from: number, to: number, msg: Message, reason: DropReason | null): void {
    this.queue.push({ t, seq: this.seq++, kind, id, from, to, msg, reason, owner: null, role: 'kernel', name: '', event: null, fire: null, cancelled: false });
  }

  private cancel(item: Item | undefined): void {
    if (item) item.cancelled = true;
  }

  private setTimer(rt: NodeRuntime, role: Role, key: TimerKey, delayMs: number, event: TimerEvent, background = false): void {
    if (background && this.now + delayMs > this.backgroundHorizonMs) return;
    const timers = timersOf(rt, role);
    this.cancel(timers.get(key));
    timers.set(key, this.schedule(rt.id, role, key, delayMs, null, event));
  }

  // ── network ─────────────────────────────────────────────────────────────

  private send(from: NodeRuntime, to: NodeId, msg: Message): void {
    const latency = this.network.latency();
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
      const again = this.network.latency();
      this.flight(this.now + again, 'deliver', id, from.index, target, msg, null);
    }
  }

  private deliver(item: Item): void {
    const rt = this.byIndex[item.to]!;
    const from = this.byIndex[item.from]!.id;
    const blocked: DropReason | null = !rt.up ? 'dead' : this.network.blocked(from, rt.id);
    if (blocked) {
      this.recordDrop(item, blocked);
      return;
    }
    const msg = item.msg!;
    this.log.deliver(this.events, this.now, item.id, item.from, item.to);
    const ev = resetEvent(this.ev, msg.type, this.now);
    ev.from = from;
    ev.msg = msg;
    this.sendTo(rt, routeOf(msg.type), ev);
    ev.msg = null; // let the message go once it is handled
  }

  // The casts: the machines' event types are unions of exact kinds, and
  // the one shared event has every field of every kind.
  private sendTo(rt: NodeRuntime, role: Role, event: MachineEvent): void {
    if (role === 'replica') rt.replica.send(event as ReplicaEvent);
    else if (role === 'coordinator') rt.coordinator.send(event as CoordinatorEvent);
    else rt.antiEntropy.send(event as AntiEntropyEvent);
  }

  private sendAll(rt: NodeRuntime, event: MachineEvent): void {
    rt.replica.send(event as ReplicaEvent);
    rt.coordinator.send(event as CoordinatorEvent);
    rt.antiEntropy.send(event as AntiEntropyEvent);
  }

  // ── effects from the machines ───────────────────────────────────────────

  private carryOut(rt: NodeRuntime, role: Role, effects: readonly Effect[]): void {
    for (const fx of effects) {
      switch (fx.kind) {
        case 'send':
          this.send(rt, fx.to, fx.msg);
          break;
        case 'timer':
          this.setTimer(rt, role, fx.key, fx.delayMs, fx.event, fx.background);
          break;
        case 'cancel': {
          const timers = timersOf(rt, role);
          this.cancel(timers.get(fx.key));
          timers.delete(fx.key);
          break;
        }
        case 'answer':
          this.answer(fx);
          break;
        case 'close':
          this.log.opClose(this.events, this.now, fx.op, fx.acks, fx.replicas);
          break;
        case 'phase':
          this.log.opPhase(this.events, this.now, fx.op, fx.phase, fx.detail);
          break;
        case 'count':
          this.log.other({ k: 'count', node: rt.id, metric: fx.metric, by: fx.by, e: this.events, t: this.now });
          break;
        case 'session':
          this.log.other({ k: 'session', session: fx.session, node: rt.id, peer: fx.peer, phase: fx.phase, ...(fx.outcome ? { outcome: fx.outcome } : {}), e: this.events, t: this.now });
          break;
      }
    }
  }

  private answer(fx: Extract<Effect, { kind: 'answer' }>): void {
    if (this.pending[fx.op] !== 1) return;
    this.pending[fx.op] = 0;
    const step = this.steps[fx.op] as ClientStep;
    let consistency: Consistency | null = null;
    let missed: number[] | undefined;
    let violations: Violation[] | undefined;
    let resurrected = false;
    if (step.do === 'get') {
      if (fx.status === 'ok') {
        const index = this.coordinatorOf[fx.op]!;
        const node = index < 0 ? null : this.byIndex[index]!.id;
        const v = this.checker.readFinished(fx.op, fx.seen, this.now);
        consistency = v.consistency;
        if (v.missed.length > 0) missed = v.missed;
        if (v.violations.length > 0) violations = v.violations;
        resurrected = v.resurrected;
        if (v.consistency === 'stale') this.log.other({ k: 'verdict', kind: 'stale', key: step.key, op: fx.op, node, e: this.events, t: this.now });
      }
    }
    if (fx.status === 'ok' && this.scenario.cluster.conflicts === 'vector') {
      let byKey = this.clientContext.get(step.client);
      if (!byKey) this.clientContext.set(step.client, (byKey = new Map<string, VersionVector>()));
      byKey.set(step.key, fx.context);
    }
    this.log.opEnd(this.events, this.now, fx.op, fx.status, fx.values, fx.reason, consistency, missed, violations, resurrected);
    // After its end: a write acknowledged that no replica kept is lost from then on.
    if (step.do !== 'get') this.checker.writeFinished(fx.op, fx.status === 'ok', this.now);
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
    const name = `purge:${key}`;
    this.cancel(rt.timers.kernel.get(name));
    const delay = Math.max(0, since + this.scenario.cluster.tombstoneGraceMs - this.now);
    rt.timers.kernel.set(
      name,
      this.schedule(node, 'kernel', name, delay, () => {
        if (rt.up) rt.storage.purge(key, since, this.now);
      }),
    );
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
        if (rt.up) {
          const ev = resetEvent(this.ev, 'START_SESSION', this.now);
          ev.peer = step.nodes[1];
          this.sendTo(rt, 'antiEntropy', ev);
        }
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
    const coordinator = step.coordinator ?? this.defaultCoordinator(step.key);
    const quorum = step.do === 'get' ? (step.r ?? cluster.r) : (step.w ?? cluster.w);
    const rt = coordinator === null ? undefined : this.nodes.get(coordinator);
    this.pending[index] = 1;
    if (rt) this.coordinatorOf[index] = rt.index;
    this.log.opStart(this.events, this.now, index, rt ? rt.index : null, quorum);
    // Only vector mode sends a context (and only it records one).
    const context = step.do === 'get' || (step.do === 'put' && step.blind) || cluster.conflicts !== 'vector' ? EMPTY_VV : (this.clientContext.get(step.client)?.get(step.key) ?? EMPTY_VV);
    if (step.do === 'get') this.checker.readStarted(index, step.key, step.client, this.now);
    else this.checker.writeStarted(index, step.do, step.key, step.client, this.now, cluster.conflicts === 'vector' ? context : null);
    if (!rt?.up) {
      const reason = coordinator === null ? 'no node is up to coordinate' : `coordinator ${coordinator} is down`;
      this.answer({ kind: 'answer', op: index, status: 'failed', seen: [], values: [], context: {}, reason });
      this.log.opClose(this.events, this.now, index, 0, []);
      return;
    }
    if (step.do === 'get') {
      const ev = resetEvent(this.ev, 'CLIENT_READ', this.now);
      ev.op = index;
      ev.key = step.key;
      ev.r = quorum;
      this.sendTo(rt, 'coordinator', ev);
      return;
    }
    const ev = resetEvent(this.ev, 'CLIENT_WRITE', this.now);
    ev.op = index;
    ev.key = step.key;
    ev.value = step.do === 'put' ? step.value : null;
    ev.w = quorum;
    ev.context = context;
    ev.clock = this.now + rt.skewMs;
    this.sendTo(rt, 'coordinator', ev);
    ev.context = EMPTY_VV; // let the context go once it is handled
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
      for (const timers of Object.values(rt.timers)) {
        for (const t of timers.values()) this.cancel(t);
        timers.clear();
      }
      this.sendAll(rt, resetEvent(this.ev, 'KILL', this.now));
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
    const ev = resetEvent(this.ev, 'REVIVE', this.now);
    ev.knownDown = [...rt.knownDown].sort();
    this.sendAll(rt, ev);
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
    this.schedule(null, 'kernel', 'failure detector', this.scenario.cluster.failureDetectionMs, () => this.learn(truth));
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
        const ev = resetEvent(this.ev, isDown ? 'PEER_DOWN' : 'PEER_UP', this.now);
        ev.peer = peer;
        this.sendAll(rt, ev);
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

  /** Every replica as it is now: machine states, data, hints, open work. */
  snapshot(): NodeSnapshot[] {
    return [...this.nodes.values()].map((rt) => ({
      id: rt.id,
      up: rt.up,
      skewMs: rt.skewMs,
      state: String(rt.replica.getSnapshot().value),
      knownDown: [...rt.knownDown].sort(),
      data: [...rt.storage.data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, siblings]) => ({ key, siblings })),
      hints: [...rt.storage.hints.values()].map((h) => ({ id: h.id, key: h.key, for: h.for })),
      requests: [...rt.coordinator.getSnapshot().context.requests.values()].map((r) => ({ op: r.op, kind: r.kind, phase: r.phase })),
      sessions: [...rt.antiEntropy.getSnapshot().context.sessions.values()].map((s) => ({ id: s.id, peer: s.peer, phase: s.phase })),
    }));
  }
}

export interface NodeSnapshot {
  id: NodeId;
  up: boolean;
  skewMs: number;
  /** The replica machine's state, `up` or `down` (the coordinator and
   *  anti-entropy machines have one state; their work is in `requests`
   *  and `sessions`). */
  state: string;
  knownDown: NodeId[];
  data: { key: string; siblings: readonly Sibling[] }[];
  hints: { id: string; key: string; for: NodeId }[];
  requests: { op: number; kind: string; phase: string }[];
  sessions: { id: string; peer: NodeId; phase: string }[];
}

type ClientStep = Extract<Step, { do: 'put' | 'get' | 'delete' }>;

