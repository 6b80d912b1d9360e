// Validation one piece at a time. The header (everything but the steps) and
// each step go through the very schema and checks that parseScenario runs on
// a whole scenario, so the editor words its messages exactly as a link or a
// file would, but an edit re-validates only the piece it changed: a keystroke
// costs the same with 5 steps or 200,000.

import type { z } from 'zod/mini';
import { checkScenario, checkStep } from '../../scenario/checks';
import { describeIssues } from '../../scenario/issues';
import { resolveScenario } from '../../scenario/resolve';
import { scenarioSchema, stepSchema } from '../../scenario/schema';
import { escapeControls, formatPath, MAX_MESSAGE_CHARS, oneLine, shorten } from '../../scenario/wording';
import type { NodeId, SimScenario, Step } from '../../sim/types';
import { headerJson, stepJson, type DraftStep, type HeaderText } from './draft';

type Issue = z.core.$ZodIssue;

/** The schema of one element of `steps`: the one scenarioSchema itself uses. */
const STEP_SCHEMA = stepSchema;

/** parseScenario's wording of a problem (one line, controls escaped, capped). */
function asParseWords(message: string): string {
  return shorten(escapeControls(oneLine(message)), MAX_MESSAGE_CHARS);
}

/**
 * What one step's text says, apart from the header: the schema's verdict, and
 * for a well-formed step what the cross-field checks will need (the nodes it
 * names, its W or R) and whether it is wrong whatever the cluster (a cut from
 * a node to itself, a node twice in a partition).
 */
export type StepCheck =
  | { ok: true; step: Step; refs: readonly NodeId[]; quorum: number; selfProblem: boolean }
  | { ok: false; issues: readonly Issue[] };

/** How many steps went through the schema: tests count these per keystroke. */
export const validations = { steps: 0, headers: 0 };

/** Checks the text of a step against the schema (the cost of one keystroke in a row). */
export function checkStepText(text: DraftStep): StepCheck {
  validations.steps++;
  const shaped = STEP_SCHEMA.safeParse(stepJson(text), { reportInput: true });
  return shaped.success ? checkParsedStep(shaped.data) : { ok: false, issues: shaped.error.issues };
}

/** The check of a step that already passed the schema (a step of the scenario being edited). */
export function checkParsedStep(step: Step): StepCheck {
  const refs = nodeRefs(step);
  // With its own nodes as the cluster and no bound on quorums, the only
  // problems left are those no cluster can fix. Only these three kinds can
  // have one (opening 200,000 steps skips the check for the others).
  const selfProblem =
    (step.do === 'cut' || step.do === 'repair' || step.do === 'partition') && checkStep(step, 0, new Set(refs), Infinity) !== undefined;
  const quorum = step.do === 'get' ? (step.r ?? 0) : step.do === 'put' || step.do === 'delete' ? (step.w ?? 0) : 0;
  return { ok: true, step, refs, quorum, selfProblem };
}

/** Every node a step names (checks.ts checks each against the cluster). */
export function nodeRefs(step: Step): readonly NodeId[] {
  switch (step.do) {
    case 'put':
    case 'get':
    case 'delete':
      return step.coordinator === undefined ? NONE : [step.coordinator];
    case 'kill':
    case 'revive':
    case 'skew':
    case 'load':
      return [step.node];
    case 'cut':
      return [step.from, step.to];
    case 'repair':
      return [...step.nodes];
    case 'partition':
      return step.groups.flat();
    case 'heal':
    case 'drop':
      return NONE;
  }
}

const NONE: readonly NodeId[] = Object.freeze([]);

/**
 * The header on its own. A shape problem is reported before any step's, a
 * cluster problem (n above the node count, w or r above n) after every step's
 * shape problems and before their cross-field ones: parseScenario's order.
 */
export type HeaderCheck =
  | { ok: false; error: string }
  | { ok: true; scenario: SimScenario; nodes: ReadonlySet<NodeId>; n: number; clusterError: string | null };

export function checkHeader(text: HeaderText): HeaderCheck {
  validations.headers++;
  const shaped = scenarioSchema.safeParse({ version: 1, ...headerJson(text), steps: [] }, { reportInput: true });
  if (!shaped.success) return { ok: false, error: asParseWords(describeIssues(shaped.error.issues)) };
  const scenario = resolveScenario(shaped.data);
  const problem = checkScenario(scenario);
  return {
    ok: true,
    scenario,
    nodes: new Set(scenario.cluster.nodes),
    n: scenario.cluster.n,
    clusterError: problem === undefined ? null : asParseWords(problem),
  };
}

/** Whether a well-formed step passes the cross-field checks under this cluster. */
export function fitsCluster(check: Extract<StepCheck, { ok: true }>, nodes: ReadonlySet<NodeId>, n: number): boolean {
  return !check.selfProblem && check.quorum <= n && check.refs.every((id) => nodes.has(id));
}

/** The schema's message for a malformed step at row `i`, worded as for a whole scenario. */
export function shapeMessage(check: Extract<StepCheck, { ok: false }>, i: number): string {
  return asParseWords(describeIssues(check.issues.map((issue) => ({ ...issue, path: ['steps', i, ...issue.path] }))));
}

/** The cross-field message for a well-formed step at row `i`, or null when it fits the cluster. */
export function clusterMessage(step: Step, i: number, nodes: ReadonlySet<NodeId>, n: number): string | null {
  const problem = checkStep(step, i, nodes, n);
  return problem === undefined ? null : asParseWords(`${formatPath(problem.path)}: ${problem.message}`);
}
