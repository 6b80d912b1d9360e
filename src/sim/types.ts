// The simulation's input types. src/scenario validates JSON into exactly these
// shapes (with every default filled in), so the engine never sees a partial
// or unchecked configuration.

export type NodeId = string;

export type Latency =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number };

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
