// Runs a lesson headless and evaluates the claims its narration makes.
//
// This is the one file of src/scenario that runs the engine (the rest of the
// scenario layer imports sim types only); it is kept out of the lessons'
// index so that showing a lesson never pulls in a run.

import { Kernel } from '../../sim/kernel';
import { buildReport, type RunReport } from '../../sim/report';
import type { SimScenario } from '../../sim/types';
import { scenarioFor } from './compare';
import type { Check, CheckResult, HintsCheck, Lesson, MetricCheck, OpCheck, ReplicaCheck, Variant } from './types';

/** Reports of one run: at the end, and as of each requested time. */
interface Snapshots {
  end: RunReport;
  at: Map<number, RunReport>;
}

function timesOf(check: Check): number[] {
  switch (check.kind) {
    case 'op':
      return [];
    case 'replica':
    case 'hints':
      return check.atMs === undefined ? [] : [check.atMs];
    case 'metric':
      return [check.atMs, check.sinceMs].filter((t): t is number => t !== undefined);
  }
}

/** One run, paused at each requested time to take the CLI document as of then. */
function snapshots(scenario: SimScenario, times: readonly number[]): Snapshots {
  const kernel = new Kernel(scenario);
  const at = new Map<number, RunReport>();
  for (const t of [...new Set(times)].sort((x, y) => x - y)) {
    kernel.runUntil(t);
    at.set(t, buildReport({ kernel, complete: false }));
  }
  const complete = kernel.runToEnd();
  return { end: buildReport({ kernel, complete }), at };
}

function reportAt(s: Snapshots, atMs: number | undefined): RunReport {
  return atMs === undefined ? s.end : s.at.get(atMs)!;
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const sameList = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

function evalOp(check: OpCheck, s: Snapshots): CheckResult {
  const op = s.end.operations.find((o) => o.step === check.step);
  if (!op) return { check, ok: false, actual: null };
  const actual = {
    status: op.status,
    values: op.values,
    consistency: op.consistency,
    violations: op.violations ?? [],
    acks: op.acks,
    replicas: op.replicas,
  };
  const ok =
    (check.status === undefined || check.status === op.status) &&
    (check.values === undefined || sameList(check.values, op.values)) &&
    (check.consistency === undefined || check.consistency === op.consistency) &&
    (check.violations === undefined || sameList(check.violations, actual.violations)) &&
    (check.acks === undefined || check.acks === op.acks) &&
    (check.replicas === undefined || sameList(check.replicas, op.replicas));
  return { check, ok, actual };
}

function evalReplica(check: ReplicaCheck, s: Snapshots): CheckResult {
  const entry = reportAt(s, check.atMs).replicas[check.node]?.data[check.key];
  const actual = entry ? { values: entry.values, tombstone: entry.tombstone } : { absent: true };
  const asserts = check.values !== undefined || check.tombstone !== undefined || check.absent !== undefined;
  const ok =
    asserts &&
    (check.absent === undefined || check.absent === (entry === undefined)) &&
    (check.values === undefined || (entry !== undefined && sameList(check.values, entry.values))) &&
    (check.tombstone === undefined || (entry !== undefined && entry.tombstone === check.tombstone));
  return { check, ok, actual };
}

function evalMetric(check: MetricCheck, s: Snapshots): CheckResult {
  const base = check.sinceMs === undefined ? 0 : reportAt(s, check.sinceMs).metrics[check.name];
  const actual = reportAt(s, check.atMs).metrics[check.name] - base;
  const asserts = check.equals !== undefined || check.atLeast !== undefined || check.atMost !== undefined;
  const ok =
    asserts &&
    (check.equals === undefined || actual === check.equals) &&
    (check.atLeast === undefined || actual >= check.atLeast) &&
    (check.atMost === undefined || actual <= check.atMost);
  return { check, ok, actual };
}

function evalHints(check: HintsCheck, s: Snapshots): CheckResult {
  const { replicas } = reportAt(s, check.atMs);
  const holders = check.node === undefined ? Object.values(replicas) : [replicas[check.node]].filter((r) => r !== undefined);
  const actual = holders.flatMap((r) => r.hints).filter((h) => check.for === undefined || h.for === check.for).length;
  const asserts = check.count !== undefined || check.atLeast !== undefined;
  const ok =
    asserts &&
    (check.node === undefined || holders.length === 1) &&
    (check.count === undefined || actual === check.count) &&
    (check.atLeast === undefined || actual >= check.atLeast);
  return { check, ok, actual };
}

function evaluate(check: Check, s: Snapshots): CheckResult {
  switch (check.kind) {
    case 'op':
      return evalOp(check, s);
    case 'replica':
      return evalReplica(check, s);
    case 'metric':
      return evalMetric(check, s);
    case 'hints':
      return evalHints(check, s);
  }
}

/** Evaluates any checks against a lesson: one run per scenario variant used,
 *  paused at every time the checks name. Results are in the checks' order. */
export function evaluateChecks(lesson: Lesson, checks: readonly Check[]): CheckResult[] {
  const runs = new Map<Variant | undefined, Snapshots>();
  for (const variant of new Set(checks.map((c) => c.variant))) {
    const times = checks.filter((c) => c.variant === variant).flatMap(timesOf);
    runs.set(variant, snapshots(scenarioFor(lesson, variant), times));
  }
  return checks.map((c) => evaluate(c, runs.get(c.variant)!));
}

/** Every check of the lesson, run against the engine. Pure: same lesson, same results. */
export function runChecks(lesson: Lesson): CheckResult[] {
  return evaluateChecks(lesson, lesson.checks);
}

export interface PredictionResult {
  /** Index of the stage that asks. */
  stage: number;
  /** Per choice, whether its claim holds; exactly the answer's should. */
  holds: boolean[];
  results: CheckResult[];
}

/** Each prediction's claims, run against the engine. */
export function runPredictions(lesson: Lesson): PredictionResult[] {
  const asked = lesson.stages.flatMap((stage, i) => (stage.predict ? [{ stage: i, claims: stage.predict.claims }] : []));
  const results = evaluateChecks(
    lesson,
    asked.flatMap((a) => a.claims),
  );
  let next = 0;
  return asked.map((a) => {
    const mine = results.slice(next, next + a.claims.length);
    next += a.claims.length;
    return { stage: a.stage, holds: mine.map((r) => r.ok), results: mine };
  });
}
