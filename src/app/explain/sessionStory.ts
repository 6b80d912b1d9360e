// One anti-entropy session at a cursor, from its messages: which tree nodes
// have been compared so far and whether they matched, which leaves differed,
// the keys then synced, and the hashes compared. A compared node's verdict
// is read off the receiver's answer in the same kernel event: children of
// the nodes that differ, the differing leaves, or "all equal".

import type { SessionOutcome } from '../../sim/machines/protocol';
import type { MerkleLeaf, MerkleNodeHash } from '../../sim/messages';
import type { NodeId } from '../../sim/types';
import { sessionOutcomeText } from './sessionText';
import { fateAt, type MessageInfo, type SessionFacts, type TraceIndex } from '../traceIndex';

export type Comparison = 'in flight' | 'equal' | 'differs' | 'lost';

export interface LevelStep {
  level: number;
  from: NodeId;
  to: NodeId;
  sentMs: number;
  /** Hashes carried (one per tree node, across ranges). */
  count: number;
  state: Comparison | 'compared';
  differing: number;
}

export interface SyncStep {
  from: NodeId;
  to: NodeId;
  sentMs: number;
  keys: string[];
  leaves: readonly MerkleLeaf[];
  final: boolean;
  state: 'in flight' | 'delivered' | 'lost';
}

export interface SessionAt {
  facts: SessionFacts;
  running: boolean;
  /** What the session is doing, in a few words. */
  phase: string;
  outcome: string | null;
  /** `${range}:${level}:${index}` → comparison state. */
  compared: Map<string, Comparison>;
  levels: LevelStep[];
  syncs: SyncStep[];
  differingLeaves: MerkleLeaf[];
  synced: { node: NodeId; key: string; t: number }[];
  hashesCompared: number;
  keysSent: number;
  /** Ranges the session compared (from its first message). */
  ranges: number[];
}

export function nodeKey(range: number, level: number, index: number): string {
  return `${range}:${level}:${index}`;
}

function answerTo(facts: SessionFacts, m: MessageInfo, deliveredAt: number): MessageInfo | undefined {
  return facts.messages.find((x) => x.sentEvent === deliveredAt && x.from === m.to && x !== m);
}

/** Verdicts on the nodes of one delivered hash message, from the receiver's answer. */
function verdicts(nodes: readonly MerkleNodeHash[], answer: MessageInfo | undefined): Map<MerkleNodeHash, Comparison> {
  const differing = new Set<string>();
  if (answer?.msg.type === 'merkle') for (const c of answer.msg.nodes) differing.add(`${c.range}:${c.index >>> 1}`);
  if (answer?.msg.type === 'sync') for (const l of answer.msg.leaves) differing.add(`${l.range}:${l.index}`);
  const out = new Map<MerkleNodeHash, Comparison>();
  // No answer in the same event: the receiver was gone, or it answered nothing we know of.
  for (const n of nodes) out.set(n, answer === undefined ? 'in flight' : differing.has(`${n.range}:${n.index}`) ? 'differs' : 'equal');
  return out;
}

export function sessionAt(index: TraceIndex, facts: SessionFacts, cursor: number): SessionAt {
  const compared = new Map<string, Comparison>();
  const levels: LevelStep[] = [];
  const syncs: SyncStep[] = [];
  const differingLeaves: MerkleLeaf[] = [];
  let inFlight = 0;
  let ranges: number[] = [];
  for (const m of facts.messages) {
    if (m.sentEvent > cursor) continue;
    const fate = fateAt(index, m.id, cursor);
    if (!fate) inFlight++;
    if (m.msg.type === 'merkle') {
      const { level, nodes } = m.msg;
      if (level === 0 && ranges.length === 0) ranges = nodes.map((n) => n.range);
      const step: LevelStep = { level, from: m.from, to: m.to, sentMs: m.sentMs, count: nodes.length, state: 'in flight', differing: 0 };
      if (fate?.dropped) {
        step.state = 'lost';
        for (const n of nodes) compared.set(nodeKey(n.range, level, n.index), 'lost');
      } else if (fate) {
        step.state = 'compared';
        for (const [n, v] of verdicts(nodes, answerTo(facts, m, fate.e))) {
          compared.set(nodeKey(n.range, level, n.index), v);
          if (v === 'differs') step.differing++;
        }
      } else for (const n of nodes) compared.set(nodeKey(n.range, level, n.index), 'in flight');
      levels.push(step);
    } else if (m.msg.type === 'sync') {
      if (!m.msg.final) for (const l of m.msg.leaves) differingLeaves.push(l);
      syncs.push({
        from: m.from,
        to: m.to,
        sentMs: m.sentMs,
        keys: m.msg.entries.map((x) => x.key),
        leaves: m.msg.leaves,
        final: m.msg.final,
        state: fate?.dropped ? 'lost' : fate ? 'delivered' : 'in flight',
      });
    }
  }
  const ends = facts.ends.filter((x) => x.e <= cursor);
  const started = facts.startE <= cursor;
  // A side may close its session while its final message is still on the way.
  const running = started && (inFlight > 0 || ends.length === 0);
  const sum = (metric: string) => facts.counts.filter((c) => c.e <= cursor && c.metric === metric).reduce((a, c) => a + c.by, 0);
  const synced = facts.synced.filter((s) => s.e <= cursor).map(({ node, key, t }) => ({ node, key, t }));
  const lastLevel = levels[levels.length - 1];
  let phase: string;
  if (!running) phase = 'finished';
  else if (syncs.length > 0) phase = 'syncing the keys of differing leaves';
  else if (lastLevel) phase = `comparing level ${lastLevel.level} hashes`;
  else phase = 'starting';
  return {
    facts,
    running,
    phase,
    outcome: running ? null : sessionOutcome(ends, synced),
    compared,
    levels,
    syncs,
    differingLeaves,
    synced,
    hashesCompared: sum('merkleHashesCompared'),
    keysSent: sum('keysSent'),
    ranges,
  };
}

/** A finished session's outcome: the keys both sides took, added up
 *  ("synced 4 keys: 2 to n2, 2 to n1"), or why it ended otherwise. Each
 *  side's end record says only what that side took ("n2 took 2 keys"). */
function sessionOutcome(ends: readonly { node: NodeId; outcome?: SessionOutcome }[], synced: readonly { node: NodeId }[]): string | null {
  const other = ends.find((x) => x.outcome !== undefined && x.outcome.kind !== 'took');
  if (other) return sessionOutcomeText(other.node, other.outcome!);
  if (ends.length === 0) return null;
  const perNode = new Map<NodeId, number>();
  for (const s of synced) perNode.set(s.node, (perNode.get(s.node) ?? 0) + 1);
  const total = synced.length;
  const split = [...perNode].map(([node, n]) => `${n} to ${node}`).join(', ');
  return `synced ${total} key${total === 1 ? '' : 's'}${split ? `: ${split}` : ''}`;
}

/** Sessions started at or before the cursor, newest first; running ones first. */
export function sessionsAt(index: TraceIndex, cursor: number): SessionFacts[] {
  const list = [...index.sessions.values()].filter((s) => s.startE <= cursor);
  return list.sort((a, b) => b.startE - a.startE);
}

/** The session a view shows by default: the newest running one, else the newest. */
export function pickSession(index: TraceIndex, cursor: number, chosen: string | null): SessionFacts | null {
  const list = sessionsAt(index, cursor);
  if (chosen !== null) {
    const hit = list.find((s) => s.session === chosen);
    if (hit) return hit;
  }
  return list.find((s) => sessionAt(index, s, cursor).running) ?? list[0] ?? null;
}
