// The trace: every fact the run produced, in order. Each record carries `e`,
// the number of the kernel event during which it happened (1-based), and `t`,
// the virtual time. The UI animates from these records and folds them to
// show any moment; it never re-derives what happened.

import type { Consistency, Violation } from './checker';
import type { CountedMetric, SessionOutcome, Why } from './machines/protocol';
import type { Message, MessageType } from './messages';
import type { DropReason } from './network';
import type { ChangeCause } from './storage';
import type { NodeId, StepKind } from './types';
import type { Sibling } from './versions';

export type OpType = 'put' | 'get' | 'delete';

export type OpStatus = 'ok' | 'failed';

/** A node's three machine families (each a root actor with its children). */
export type MachineRole = 'replica' | 'coordinator' | 'antiEntropy';

interface At {
  /** Kernel event number (1-based) during which this happened. */
  e: number;
  /** Virtual time in ms. */
  t: number;
}

export type TraceRecord = At &
  (
    | { k: 'step'; step: number; do: StepKind }
    /** `msg` is the message itself (immutable data): views derive its label and summary from it. */
    | { k: 'send'; id: number; from: NodeId; to: NodeId; type: MessageType; key: string | null; msg: Message; arriveMs: number }
    | { k: 'deliver'; id: number; from: NodeId; to: NodeId }
    | { k: 'drop'; id: number; from: NodeId; to: NodeId; reason: DropReason }
    | { k: 'opStart'; op: number; type: OpType; client: string; key: string; coordinator: NodeId | null; value?: string; quorum: number }
    /** Where the coordinator sent a request: the targets, the homes it knew
     *  unreachable, and [substitute, home] pairs under a sloppy quorum. */
    | { k: 'sent'; op: number; targets: readonly NodeId[]; skipped: readonly NodeId[]; standIns: readonly (readonly [NodeId, NodeId])[] }
    /** `why`: the facts of the outcome (words are the views': requestText.ts).
     *  `resurrected`: a read returned a value stored again after a delete that had seen it. */
    | { k: 'opEnd'; op: number; status: OpStatus; values: readonly string[]; why: Why; consistency: Consistency | null; missed?: number[]; violations?: Violation[]; resurrected?: true }
    | { k: 'opClose'; op: number; acks: number; replicas: readonly NodeId[] }
    | { k: 'node'; node: NodeId; up: boolean; wiped?: true }
    | { k: 'store'; node: NodeId; key: string; siblings: readonly Sibling[]; cause: ChangeCause }
    | { k: 'hint'; node: NodeId; id: string; key: string; for: NodeId; added: boolean; delivered: boolean }
    | { k: 'timer'; node: NodeId | null; name: string }
    | { k: 'net'; groups: NodeId[][]; cuts: { from: NodeId; to: NodeId }[]; dropRate: number }
    | { k: 'skew'; node: NodeId; offsetMs: number }
    | { k: 'view'; node: NodeId; peer: NodeId; reachable: boolean }
    | { k: 'session'; session: string; node: NodeId; peer: NodeId; phase: 'start' | 'end'; outcome?: SessionOutcome }
    /** A machine took a transition: `actor` is the node machine's role, or a
     *  child's id (`op-<n>` with `op`, `ae-<session>` with `session`,
     *  `replay-<home>`). A node machine records only its changes of state; a
     *  child records every microstep; `ended`: it reached a final state. */
    | { k: 'machine'; node: NodeId; role: MachineRole; actor: string; op?: number; session?: string; from: string; event: string; to: string; ended?: true }
    | { k: 'count'; node: NodeId; metric: CountedMetric; by: number }
    | { k: 'verdict'; kind: 'stale' | 'lost' | 'resurrection'; key: string; op: number; node: NodeId | null }
  );

export type TraceKind = TraceRecord['k'];
