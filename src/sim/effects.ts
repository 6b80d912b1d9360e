// What a node's machines ask of the world. Machines never touch the network
// or timers themselves: each action works out a list of effects, as data,
// and hands it to the kernel's sink, which carries them out on virtual time.

import type { Message } from './messages';
import type { PhaseDetail, Reason } from './requestText';
import type { NodeId } from './types';
import type { VersionVector } from './versions';

export type OpStatus = 'ok' | 'failed';

export type Effect =
  | { kind: 'send'; to: NodeId; msg: Message }
  /** Fire `event` back at the same machine after `delayMs`; replaces any timer with the same key. */
  | { kind: 'timer'; key: TimerKey; delayMs: number; event: TimerEvent; background?: boolean }
  | { kind: 'cancel'; key: TimerKey }
  /** The coordinator answers the client. */
  | {
      kind: 'answer';
      op: number;
      status: OpStatus;
      /** Write ids of the siblings returned (reads) — what the checker judges. */
      seen: readonly number[];
      values: readonly string[];
      context: VersionVector;
      reason: Reason;
    }
  /** The request is over: no more acks or responses will be counted. */
  | { kind: 'close'; op: number; acks: number; replicas: readonly NodeId[] }
  /** A request moved to a new phase (shown in the Request view). */
  | { kind: 'phase'; op: number; phase: string; detail: PhaseDetail }
  | { kind: 'count'; metric: CountedMetric; by: number }
  | { kind: 'session'; session: string; peer: NodeId; phase: 'start' | 'end'; outcome?: string };

/** Names a machine's timer: a string, or for a request's timeout its
 *  operation number (no string is built per request; the trace names it
 *  `req:<op>` if it fires). */
export type TimerKey = string | number;

export type CountedMetric = 'readRepairs' | 'antiEntropySessions' | 'merkleHashesCompared' | 'keysSynced' | 'keysSent';

export type TimerEvent =
  | { type: 'TIMEOUT'; op: number }
  | { type: 'REPLAY_RETRY'; peer: NodeId }
  | { type: 'SESSION_TIMEOUT'; session: string }
  | { type: 'AE_TICK' };

/** Where a machine's effects go: a function of the kernel's, given to each
 *  actor in its input and called by the machines' actions (sinkAction.ts).
 *  (Calling it costs an actor less per event than XState's `emit`, which
 *  binds, defers and copies listeners.) */
export type EffectSink = (effects: Effect[]) => void;

/** Events every node machine understands from the kernel. */
export type LifecycleEvent =
  | { type: 'KILL'; now: number }
  | { type: 'REVIVE'; now: number; knownDown: readonly NodeId[] }
  | { type: 'PEER_DOWN'; peer: NodeId; now: number }
  | { type: 'PEER_UP'; peer: NodeId; now: number };

/** A delivered message, as a machine receives it. */
export type Delivered<T extends Message['type']> = { type: T; from: NodeId; msg: Extract<Message, { type: T }>; now: number };
