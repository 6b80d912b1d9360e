// The simulation's input types. src/scenario validates JSON into exactly these
// shapes (with every default filled in), so the engine never sees a partial
// or unchecked configuration.

export type NodeId = string;

/** How long one message takes, in ms. */
export type LatencyDistribution =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number };

/**
 * The legs of one request in the WARS model of Bailis et al., "Probabilistically
 * Bounded Staleness for Practical Partial Quorums" (VLDB 2012): the write to a
 * replica, its ack, the read request, and the read's response.
 */
export type LatencyLeg = 'write' | 'ack' | 'read' | 'response';

/** One distribution per leg; an omitted leg takes `write`'s. */
export interface LegLatency {
  write: LatencyDistribution;
  ack?: LatencyDistribution;
  read?: LatencyDistribution;
  response?: LatencyDistribution;
}

/** One distribution for every message, or one per leg (see latency.ts). */
export type Latency = LatencyDistribution | LegLatency;

export interface NetworkConfig {
  latency: Latency;
  /** Probability that any one message is lost in flight. */
  dropRate: number;
  /** Probability that a delivered message is delivered a second time. */
  duplicateRate: number;
}

export type ReadRepairMode = 'off' | 'async' | 'blocking';
export type ConflictMode = 'lww' | 'vector';

export interface AntiEntropyConfig {
  /** 0 turns periodic anti-entropy off; `repair` steps still run sessions. */
  intervalMs: number;
  /** Levels below the root: a tree has 2^merkleDepth leaves. */
  merkleDepth: number;
}

export interface ClusterConfig {
  nodes: NodeId[];
  vnodes: number;
  n: number;
  w: number;
  r: number;
  sloppyQuorum: boolean;
  hintedHandoff: boolean;
  readRepair: ReadRepairMode;
  conflicts: ConflictMode;
  antiEntropy: AntiEntropyConfig;
  tombstoneGraceMs: number;
  requestTimeoutMs: number;
  failureDetectionMs: number;
}

export type Step =
  | { at: number; do: 'put'; client: string; key: string; value: string; coordinator?: NodeId; w?: number; blind?: boolean }
  | { at: number; do: 'get'; client: string; key: string; coordinator?: NodeId; r?: number }
  | { at: number; do: 'delete'; client: string; key: string; coordinator?: NodeId; w?: number }
  | { at: number; do: 'kill'; node: NodeId; wipe?: boolean }
  | { at: number; do: 'revive'; node: NodeId }
  | { at: number; do: 'partition'; groups: NodeId[][] }
  | { at: number; do: 'cut'; from: NodeId; to: NodeId }
  | { at: number; do: 'heal' }
  | { at: number; do: 'repair'; nodes: [NodeId, NodeId] }
  | { at: number; do: 'skew'; node: NodeId; offsetMs: number }
  | { at: number; do: 'drop'; rate: number }
  | { at: number; do: 'load'; node: NodeId; key: string; value: string; ts?: number };

export type StepKind = Step['do'];

/** A fully resolved scenario: what the engine runs. */
export interface SimScenario {
  version: 1;
  title: string;
  seed: number;
  cluster: ClusterConfig;
  network: NetworkConfig;
  steps: Step[];
}
