// One client request as the Request tab tells it, at a cursor: which
// replicas it went to (home or substitute, homes skipped because the
// coordinator knew them unreachable), what each one did, the acks or replies
// counted against W or R, and the outcome in one sentence. Client names,
// keys and values in these sentences go through isolate() / quoted().

import { whyText } from '../../sim/requestText';
import type { Ring } from '../../sim/ring';
import type { OpView } from '../../sim/timeline';
import type { ClusterConfig, NodeId, Step } from '../../sim/types';
import { valuesOf, type Sibling } from '../../sim/versions';
import { isolate, quoted } from '../format';
import { fateAt, type OpFacts, type TraceIndex } from '../traceIndex';

export type TargetState = 'local' | 'asked' | 'lost' | 'answering' | 'answered' | 'reply lost' | 'silent';

export interface TargetRow {
  node: NodeId;
  /** 1-based position in the key's preference list; null for a substitute. */
  rank: number | null;
  /** The home node a substitute stands in for (sloppy quorum). */
  standsInFor: NodeId | null;
  isCoordinator: boolean;
  state: TargetState;
  /** Plain words for what this replica did so far. */
  words: string;
  /** What a read reply carried (reads only). */
  returned?: readonly Sibling[];
  /** Virtual time its ack or reply reached the coordinator. */
  answeredMs?: number;
}

export type Tone = 'pending' | 'ok' | 'failed' | 'stale';

export interface RequestStory {
  op: OpView;
  isRead: boolean;
  /** "W" for put/delete, "R" for get. */
  quorumName: 'W' | 'R';
  quorum: number;
  /** The cluster's N, W or R this request overrides, if it does. */
  clusterQuorum: number;
  homes: readonly NodeId[];
  targets: TargetRow[];
  /** Homes the coordinator knew to be unreachable, so it did not ask them. */
  skipped: NodeId[];
  /** Acks or replies in the order they counted, up to the cursor. */
  counted: NodeId[];
  /** How many of `counted` arrived before the outcome. */
  countedBeforeOutcome: number;
  tone: Tone;
  /** The outcome and why, in one sentence. */
  sentence: string;
  /** A second sentence for reads: what the answer means. */
  verdict: string | null;
  /** Replicas the coordinator repaired after reading from them. */
  repaired: NodeId[];
  /** The session guarantees this read broke for its client, in words. */
  broken: string | null;
}

const LIST_SEPARATOR = ', ';

/** "n1", "n1 and n2", "n1, n2 and n3". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(LIST_SEPARATOR)} and ${names[names.length - 1]!}`;
}

function describeSiblings(siblings: readonly Sibling[]): string {
  if (siblings.length === 0) return 'nothing';
  if (siblings.every((s) => s.value === null)) return 'a tombstone (deleted)';
  const values = valuesOf(siblings).map(quoted);
  return values.length === 1 ? values[0]! : `${values.length} siblings: ${values.join(', ')}`;
}

/** "alice's put of "milk"" / "bob's delete" — a write named by its step. */
export function describeWrite(step: Step | undefined): string {
  if (!step) return 'an earlier write';
  if (step.do === 'put') return `${isolate(step.client)}'s put of ${quoted(step.value)}`;
  if (step.do === 'delete') return `${isolate(step.client)}'s delete`;
  if (step.do === 'load') return `the value loaded on ${step.node}`;
  return 'an earlier write';
}

interface Context {
  index: TraceIndex;
  ring: Ring;
  cluster: ClusterConfig;
  steps: readonly Step[];
  cursor: number;
}

function targetsOf(facts: OpFacts, cursor: number): { targets: NodeId[]; standIns: Map<NodeId, NodeId> } {
  const sent = facts.sent && facts.sent.e <= cursor ? facts.sent : undefined;
  const standIns = new Map<NodeId, NodeId>(sent?.standIns ?? []);
  if (facts.close && facts.close.e <= cursor) return { targets: [...facts.close.replicas], standIns };
  return { targets: sent ? [...sent.targets] : [], standIns };
}

type Answer = { e: number; t: number };

/** One replica's row: what it was sent and what came back, by `cursor`.
 *  Records the answer it gave (if any) in `answers`. */
function rowFor(node: NodeId, op: OpView, facts: OpFacts, ctx: Context, homes: readonly NodeId[], standsInFor: NodeId | null, answers: Map<NodeId, Answer>): TargetRow {
  const { index, cursor } = ctx;
  const isRead = op.type === 'get';
  const rank = homes.indexOf(node);
  const row: TargetRow = { node, rank: rank >= 0 ? rank + 1 : null, standsInFor, isCoordinator: node === op.coordinator, state: 'asked', words: '' };
  if (node === op.coordinator) {
    row.state = 'local';
    row.answeredMs = facts.startT;
    answers.set(node, { e: facts.startE, t: facts.startT });
    if (isRead) row.returned = facts.localCopy;
    row.words = isRead ? `coordinator: read its own copy, ${describeSiblings(facts.localCopy)}` : 'coordinator: stored the write itself and counts its own ack';
    return row;
  }
  const label = isRead ? 'R' : standsInFor ? 'hint' : 'W';
  const request = facts.messages.find((m) => m.to === node && m.sentEvent <= cursor && (m.msg.type === 'write' || m.msg.type === 'read'));
  const sent = request ? fateAt(index, request.id, cursor) : null;
  const reply = facts.messages.find((m) => m.from === node && m.sentEvent <= cursor && (m.msg.type === 'writeAck' || m.msg.type === 'readResp'));
  const replyWord = isRead ? 'reply' : 'ack';
  if (!request) row.words = 'not asked yet';
  else if (sent?.dropped) [row.state, row.words] = ['lost', `${label} lost (${dropWords(sent.dropped)})`];
  else if (!sent) row.words = `${label} on its way`;
  else if (!reply) [row.state, row.words] = ['silent', `${label} arrived; no ${replyWord}`];
  else {
    const siblings = reply.msg.type === 'readResp' ? reply.msg.siblings : [];
    if (isRead) row.returned = siblings;
    const carried = isRead ? ` with ${describeSiblings(siblings)}` : '';
    const back = fateAt(index, reply.id, cursor);
    if (back?.dropped) [row.state, row.words] = ['reply lost', `${replyWord}${carried} lost (${dropWords(back.dropped)})`];
    else if (!back) [row.state, row.words] = ['answering', `${replyWord}${carried} on its way`];
    else {
      [row.state, row.words, row.answeredMs] = ['answered', `${isRead ? 'replied' : 'acked'}${carried}`, back.t];
      answers.set(node, { e: back.e, t: back.t });
    }
  }
  if (standsInFor && !isRead && row.state !== 'asked') row.words = `holds a hint for ${standsInFor}; ${row.words}`;
  return row;
}

/** The outcome sentence, its tone, and what a read's answer means. */
function outcomeOf(op: OpView, facts: OpFacts | undefined, ctx: Context, counted: NodeId[], countedBeforeOutcome: number, targets: number): Pick<RequestStory, 'tone' | 'sentence' | 'verdict'> {
  const { cursor, cluster, steps } = ctx;
  const isRead = op.type === 'get';
  const quorumName = isRead ? 'R' : 'W';
  const ended = facts?.end && facts.end.e <= cursor ? facts.end : undefined;
  if (!ended) {
    const started = facts?.sent !== undefined && facts.sent.e <= cursor;
    const sentence = started
      ? `Waiting: ${counted.length} of ${targets} ${isRead ? 'replies' : 'acks'} so far, ${quorumName} = ${op.quorum} needed by ${formatTime(op.startMs + cluster.requestTimeoutMs)}.`
      : 'Just started.';
    return { tone: 'pending', sentence, verdict: null };
  }
  const sentence = capitalise(whyText(ended.why));
  if (ended.status === 'failed') return { tone: 'failed', sentence, verdict: !isRead && targets > 0 ? 'No rollback: replicas that stored the write keep it.' : null };
  const got = ended.values.length === 0 ? 'nothing (absent or deleted)' : ended.values.map(quoted).join(' and ');
  if (!isRead) {
    if (op.consistency === 'lost') {
      return { tone: 'stale', sentence, verdict: 'Lost: it was acknowledged, yet its value is now gone from every replica, and nothing that replaced it had seen it.' };
    }
    // Vector mode answers a write like a read: with every sibling its new version covers.
    const answered = cluster.conflicts === 'vector' ? `Answered with ${got}: ${ended.values.length === 1 ? 'the one value' : 'the siblings'} its version covers, which ${isolate(op.client)}'s next write replaces.` : null;
    return { tone: 'ok', sentence, verdict: answered };
  }
  if (ended.consistency === 'stale') {
    const readFrom = counted.slice(0, countedBeforeOutcome);
    const missed = [...(ended.missed ?? [])].sort((a, b) => b - a);
    const which = missed.length === 0 ? 'the latest write' : describeWrite(steps[missed[0]!]) + (missed.length > 1 ? ` (and ${missed.length - 1} more)` : '');
    if (ended.resurrected) {
      return {
        tone: 'stale',
        sentence: `R = ${op.quorum} read ${joinNames(readFrom)} and got back ${got}, which ${which} had removed: stale`,
        verdict: `The value came back after ${which}: it was stored again by replication, a resurrection (see Resurrections).`,
      };
    }
    return {
      tone: 'stale',
      sentence: `R = ${op.quorum} read ${joinNames(readFrom)}${readFrom.length > 1 ? ', which all missed ' : ', which missed '}${which}: stale`,
      verdict: `It returned ${got}, though ${which} was acknowledged before this read began.`,
    };
  }
  if (ended.consistency === 'concurrent') {
    return { tone: 'ok', sentence, verdict: `It returned ${got}: concurrent — a write to ${isolate(op.key)} overlapped this read, so either the old or the new value is a correct answer.` };
  }
  return { tone: 'ok', sentence, verdict: `It returned ${got}: fresh — it saw every write acknowledged before it began.` };
}

/** The session guarantees a read broke, in words (none: null). */
export function sessionWords(op: OpView, violations: readonly string[] | undefined): string | null {
  if (!violations || violations.length === 0) return null;
  const words: string[] = [];
  const client = isolate(op.client);
  if (violations.includes('read-your-writes')) words.push(`read-your-writes is broken: ${client} did not see ${client}'s own acknowledged write`);
  if (violations.includes('monotonic-reads')) words.push(`monotonic reads are broken: ${client} had already read a newer value`);
  return `${capitalise(words.join('; and '))}.`;
}

/** Tell the story of operation `op` as of kernel event `cursor`. */
export function describeRequest(op: OpView, ctx: Context): RequestStory {
  const { index, ring, cluster, cursor } = ctx;
  const facts = index.ops.get(op.op);
  const isRead = op.type === 'get';
  const homes = ring.preferenceList(op.key);
  const { targets, standIns } = facts ? targetsOf(facts, cursor) : { targets: [], standIns: new Map<NodeId, NodeId>() };
  const skipped = facts?.sent && facts.sent.e <= cursor ? homes.filter((h) => !targets.includes(h)) : [];
  const ended = facts?.end && facts.end.e <= cursor ? facts.end : undefined;
  const closed = facts?.close && facts.close.e <= cursor ? facts.close : undefined;
  const answers = new Map<NodeId, Answer>();
  const broken = ended ? sessionWords(op, ended.violations) : null;
  const rows = facts ? targets.map((node) => rowFor(node, op, facts, ctx, homes, standIns.get(node) ?? null, answers)) : [];
  // An answer counts while the request is open; one arriving after a timeout closed it does not.
  const counted = [...answers.entries()]
    .filter(([, a]) => !closed || a.e <= closed.e)
    .sort((a, b) => a[1].e - b[1].e || (a[0] < b[0] ? -1 : 1))
    .map(([node]) => node);
  for (const row of rows) if (closed && row.state === 'answered' && !counted.includes(row.node)) row.words += ', too late to count';
  const countedBeforeOutcome = ended ? counted.filter((n) => answers.get(n)!.e <= ended.e).length : counted.length;
  return {
    op,
    isRead,
    quorumName: isRead ? 'R' : 'W',
    quorum: op.quorum,
    clusterQuorum: isRead ? cluster.r : cluster.w,
    homes,
    targets: rows,
    skipped,
    counted,
    countedBeforeOutcome,
    ...outcomeOf(op, facts, ctx, counted, countedBeforeOutcome, targets.length),
    broken,
    repaired: facts ? facts.messages.filter((m) => m.sentEvent <= cursor && m.msg.type === 'repair').map((m) => m.to) : [],
  };
}

function dropWords(reason: string): string {
  switch (reason) {
    case 'random':
      return 'dropped by the network';
    case 'partition':
      return 'blocked by the partition';
    case 'cut':
      return 'blocked by a cut link';
    case 'dead':
      return 'the receiver is down';
    default:
      return reason;
  }
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

function formatTime(ms: number): string {
  return `${Math.round(ms * 10) / 10} ms`;
}

/** The quorum rule of the cluster's settings: what W + R > N gives (the
 *  replicas a read asks overlap those that acknowledged the latest write),
 *  and, when it holds, what it still does not promise (DDIA ch. 5,
 *  "Limitations of Quorum Consistency"). */
export function quorumRule(cluster: Pick<ClusterConfig, 'n' | 'w' | 'r' | 'sloppyQuorum'>): { overlap: boolean; safe: boolean; sentence: string; caveat: string | null } {
  const { n, w, r } = cluster;
  const sum = w + r;
  if (sum > n) {
    return {
      overlap: true,
      safe: !cluster.sloppyQuorum,
      sentence: cluster.sloppyQuorum
        ? `W + R = ${sum} > N = ${n}, but the quorum is sloppy: acks from substitute nodes count, so a read may not overlap the nodes that took the latest write until the hints are home`
        : `W + R = ${sum} > N = ${n}: the R replicas a read hears from overlap the W replicas that acknowledged the latest write`,
      caveat: QUORUM_CAVEAT,
    };
  }
  return { overlap: false, safe: false, sentence: `W + R = ${sum} ≤ N = ${n}: a read's replicas need not overlap the write's, so it may miss the latest write`, caveat: null };
}

/** What W + R > N still does not promise. */
export const QUORUM_CAVEAT =
  'Overlap is not a promise of the latest value: a failed write left on some replicas, concurrent writes under last-write-wins, a replica restored from a stale copy, and a read during a write can still surprise you';

/** The operation the Request tab shows: the chosen one if it has started by
 *  the cursor, else the latest one started at or before it. */
export function pickOperation(ops: ReadonlyMap<number, OpView>, selected: number | null): OpView | null {
  if (selected !== null) {
    const chosen = ops.get(selected);
    if (chosen) return chosen;
  }
  let latest: OpView | null = null;
  for (const op of ops.values()) if (!latest || op.startMs > latest.startMs || (op.startMs === latest.startMs && op.op > latest.op)) latest = op;
  return latest;
}

/** Short verdict for the list of operations. */
export function opVerdict(op: OpView): string {
  if (op.status === 'pending') return 'pending';
  if (op.status === 'failed') return 'failed';
  if (op.type !== 'get') return op.consistency === 'lost' ? 'lost' : 'acknowledged';
  return op.consistency ?? 'ok';
}
