// The built-in lessons' format: a scenario, the narration that walks a
// student through it, and the claims that narration makes, written as checks
// that the test suite runs against the engine (runChecks.ts). Everything is
// plain data, JSON-serialisable, so a lesson can be shown, linked and tested
// without running any code of its own.

import type { Metrics } from '../../sim/metrics';
import type { ClusterConfig, NodeId, SimScenario } from '../../sim/types';

/** Which side of a lesson's comparison a check runs on (none: the lesson's own scenario). */
export type Variant = 'a' | 'b';

export interface Lesson {
  /** Url-safe and stable (links and the UI refer to it), e.g. 'quorums'. */
  id: string;
  /** 1-based position in the course. */
  number: number;
  title: string;
  /** One sentence: what the student will understand. */
  summary: string;
  /** Fully resolved (built through parseScenario, so every default is filled in). */
  scenario: SimScenario;
  /** The narration, in order of `atMs` (strictly ascending). */
  stages: Stage[];
  /** The same steps under two settings, when a contrast teaches best. */
  compare?: Compare;
  /** Every claim the narration makes about the run, checked against the engine. */
  checks: Check[];
}

export interface Stage {
  /** Shown once virtual time reaches this; the UI jumps the Timeline to the
   *  last event at or before it. */
  atMs: number;
  /** One to three short sentences, in plain words. */
  text: string;
  highlight?: Highlight;
  /** The Explain tab the narration talks about: the lesson opens it at this stage. */
  tab?: StageTab;
  /** Asked before the step it is about runs: `atMs` < that step's `at`. */
  predict?: Predict;
  /** The numbers and verdicts this stage's narration states, each with the
   *  text a view on the screen shows for it at this stage (checked by the
   *  narration test against the views' own text, not the engine's figures). */
  see?: ViewClaim[];
}

export type StageTab = 'request' | 'node' | 'merkle' | 'machine';

/** Where on the screen a student reads a claim: the Request tab (showing
 *  the stage's highlighted step, else the latest operation), the Metrics
 *  panel ("Keys synced: 4"), the Merkle tab, the Machine tab ("State:
 *  collecting"), the Node tab of `node`, or the ring ("n1 holds 1 hint",
 *  "n4 is down"). */
export type ClaimView = 'request' | 'metrics' | 'merkle' | 'machine' | 'node' | 'ring';

export interface ViewClaim {
  /** Words of the stage's text that state the claim (they must occur in it). */
  says: string;
  view: ClaimView;
  /** Text that view shows at the stage's position. */
  shows: string;
  /** For the Node tab: whose. */
  node?: NodeId;
  /** For the Request tab: the operation to show instead of the stage's. */
  step?: number;
  /** Read the screen of a comparison side instead of the lesson's own run. */
  variant?: Variant;
}

export interface Highlight {
  nodes?: NodeId[];
  key?: string;
  /** Index of a scenario step (an operation to select, for example). */
  step?: number;
}

/**
 * "Predict, then reveal". `claims` runs parallel to `choices`: claims[i] is
 * what the engine would show if choices[i] were right. The test requires the
 * claim of the `answer` to hold and every other claim to fail, so the answer
 * is the engine's outcome and each wrong choice is one it did not produce.
 */
export interface Predict {
  question: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  /** Why the answer is right, shown after the student chooses. */
  explanation: string;
  /** Index of the scenario step whose outcome is asked about. */
  step: number;
  claims: Check[];
}

export interface Compare {
  a: CompareSide;
  b: CompareSide;
  /** One sentence: what comes out different. */
  differs: string;
}

export interface CompareSide {
  label: string;
  cluster: Partial<ClusterConfig>;
}

export type Consistency = 'fresh' | 'stale' | 'concurrent' | 'lost';

/** Fields common to every check. */
interface CheckOn {
  /** Run on a side of the comparison instead of the lesson's scenario. */
  variant?: Variant;
}

/** An operation's outcome, as in the CLI document (contract 2). Only the
 *  fields given are compared; `values` and `replicas` ignore order. */
export interface OpCheck extends CheckOn {
  kind: 'op';
  step: number;
  status?: 'ok' | 'failed';
  values?: string[];
  consistency?: Consistency | null;
  violations?: string[];
  /** Acks (puts, deletes) or replies (gets) received before the request closed. */
  acks?: number;
  /** The nodes the coordinator sent the request to. */
  replicas?: NodeId[];
}

/** One replica's copy of a key, at the end or at `atMs`. */
export interface ReplicaCheck extends CheckOn {
  kind: 'replica';
  node: NodeId;
  key: string;
  values?: string[];
  tombstone?: boolean;
  /** true: the replica holds nothing for the key; false: it holds something. */
  absent?: boolean;
  atMs?: number;
}

/** A metric at the end or at `atMs`; with `sinceMs`, its growth since then. */
export interface MetricCheck extends CheckOn {
  kind: 'metric';
  name: keyof Metrics;
  equals?: number;
  atLeast?: number;
  atMost?: number;
  atMs?: number;
  sinceMs?: number;
}

/** Hints held, on one node (or on all nodes together when `node` is left out). */
export interface HintsCheck extends CheckOn {
  kind: 'hints';
  node?: NodeId;
  /** Count only hints for this home node. */
  for?: NodeId;
  count?: number;
  atLeast?: number;
  atMs?: number;
}

export type Check = OpCheck | ReplicaCheck | MetricCheck | HintsCheck;

export interface CheckResult {
  check: Check;
  ok: boolean;
  /** What the engine showed, for a failure message or a "why" panel. */
  actual: unknown;
}
