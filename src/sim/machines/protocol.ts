// What the machines and the kernel say to each other.
//
// The kernel is the environment: virtual time, the queue, the network, the
// failure detector and each node's disk. It hands a machine events (a
// client request, a delivered message, a peer found unreachable), each with
// the virtual time and a read-only view of the node's disk; a machine
// answers with effects — sends, writes to its disk, answers to clients,
// facts for the trace — emitted as data with XState's `emit` (one `effects`
// event per action) and carried out by the kernel. No machine holds a
// callback, a class instance or a reference to another node: its context
// is data, so a snapshot can be serialised and shown.

import type { MerkleTree } from '../merkle';
import type { Message } from '../messages';
import type { Plan } from '../quorum';
import type { ReadInput } from './readRequest';
import type { WriteInput } from './writeRequest';
import type { ChangeCause, Hint } from '../storage';
import type { NodeId } from '../types';
import { EMPTY_VV, type Sibling, type VersionVector } from '../versions';

/** Counters a machine adds to (the other metrics are counted from the trace). */
export type CountedMetric = 'readRepairs' | 'antiEntropySessions' | 'merkleHashesCompared' | 'keysSynced' | 'keysSent';

/** What a machine may read of its node's disk while it handles an event. */
export interface DiskView {
  get(key: string): readonly Sibling[] | undefined;
  /** The node's data and the hinted copies it holds for `key` (what it
   *  answers a read with: hints counted toward W count toward R). */
  viewOf(key: string): readonly Sibling[];
  hintsFor(home: NodeId): readonly Hint[];
  /** Homes this node holds hints for, sorted. */
  hintHomes(): readonly NodeId[];
  /** The next dot counter this node would mint for `key`, given a context
   *  counter: above everything it has seen for itself. */
  nextCounter(key: string, contextCounter: number): number;
  tree(range: number): MerkleTree | undefined;
  keysInLeaf(range: number, leaf: number): readonly string[];
}

/** Why a request ended as it did: structured facts; words come from the views. */
export type Why =
  | { kind: 'quorum'; quorum: 'W' | 'R'; got: number; of: number; need: number; from?: readonly NodeId[] }
  | { kind: 'unavailable'; quorum: 'W' | 'R'; need: number; reachable: readonly NodeId[]; unreachable: readonly NodeId[]; sloppy: boolean }
  | { kind: 'timeout'; quorum: 'W' | 'R'; got: number; of: number; need: number; timeoutMs: number }
  /** The coordinator was down when the client asked (nothing ran). */
  | { kind: 'coordinatorDown'; coordinator: NodeId }
  /** The coordinator went down with the request open. */
  | { kind: 'coordinatorCrashed'; coordinator: NodeId }
  | { kind: 'noCoordinator' };

/** How an anti-entropy session ended, as facts. */
export type SessionOutcome =
  | { kind: 'noRanges' }
  | { kind: 'equal' }
  | { kind: 'took'; keys: number }
  | { kind: 'abandoned'; peer: NodeId; afterMs: number }
  | { kind: 'crashed' };

export type Effect =
  | { type: 'send'; to: NodeId; msg: Message }
  /** Merge `siblings` into this node's copy of `key`. */
  | { type: 'store'; key: string; siblings: readonly Sibling[]; cause: Exclude<ChangeCause, 'load' | 'purge' | 'wipe'> }
  /** Keep a hinted copy for `home` (the disk names it). */
  | { type: 'keepHint'; key: string; home: NodeId; siblings: readonly Sibling[] }
  /** The home acknowledged a hint: delete it. */
  | { type: 'dropHint'; id: string }
  /** Hints for `home` are waiting and it is reachable: hand them over. */
  | { type: 'handOff'; home: NodeId }
  /** The disk remembers the dot counter a write minted. */
  | { type: 'claimDot'; key: string; counter: number }
  /** Start a request machine (the coordinator's word; the kernel hosts it, see coordinator.ts). */
  | { type: 'startRequest'; request: { kind: 'write'; input: WriteInput } | { kind: 'read'; input: ReadInput } }
  /** This node's coordinator went down: every request it has open ends. */
  | { type: 'crashRequests' }
  /** Where a request was sent (a fact for the trace and the Request view). */
  | { type: 'sent'; op: number; plan: Plan }
  /** The client's answer. `seen`: write ids of the siblings returned. */
  | { type: 'answer'; op: number; ok: boolean; values: readonly string[]; seen: readonly number[]; context: VersionVector; why: Why }
  /** The request is over: no more acks or replies count. */
  | { type: 'closed'; op: number; acks: number; replicas: readonly NodeId[] }
  | { type: 'count'; metric: CountedMetric; by: number }
  | { type: 'sessionStart'; session: string; peer: NodeId }
  | { type: 'sessionEnd'; session: string; peer: NodeId; outcome: SessionOutcome };

/** The one event type machines emit: the effects of one action, in order. */
export interface Effects {
  type: 'effects';
  effects: readonly Effect[];
}

/** Every event the kernel sends carries the virtual time. */
interface At {
  now: number;
}

/** A delivered message, as a machine receives it. */
export type Delivered<T extends Message['type']> = At & { type: T; from: NodeId; msg: Extract<Message, { type: T }>; disk: DiskView };

export type Lifecycle =
  | (At & { type: 'KILL' })
  | (At & { type: 'REVIVE'; knownDown: readonly NodeId[]; disk: DiskView })
  | (At & { type: 'PEER_DOWN'; peer: NodeId })
  | (At & { type: 'PEER_UP'; peer: NodeId; disk: DiskView });

export const emptyEffects: readonly Effect[] = [];

/** A request's failed answer to its client: no values, an empty context, and why. */
export function failedAnswer(op: number, why: Extract<Effect, { type: 'answer' }>['why']): Effect {
  return { type: 'answer', op, ok: false, values: [], seen: [], context: EMPTY_VV, why };
}
