// The editor's draft of a scenario that may hold up to MAX_STEPS steps.
//
// Each edit is a pure function from one draft to the next (React state), and
// costs the same whatever the number of steps, apart from copying the array
// of rows (a block copy of pointers): the edited row alone goes through the
// schema, and a tally of what every row needs from the cluster (the nodes
// they name, the W and R they ask for, how many are malformed) says at once
// whether the whole draft is valid. Only when it is not do we walk the rows
// to find the first problem, with cheap checks on cached results, so the
// message is the one parseScenario would give for the whole scenario.
//
// A row opened from the scenario keeps no text of its own until it is
// edited: opening 200,000 steps builds no strings, and the table words only
// the rows it shows.

import { MAX_STEPS } from '../../scenario/limits';
import type { NodeId, SimScenario, Step, StepKind } from '../../sim/types';
import { emptyStep, headerToText, sameHeaderText, sameStepText, stepToDraft, type DraftStep, type HeaderText } from './draft';
import { checkHeader, checkParsedStep, checkStepText, clusterMessage, fitsCluster, shapeMessage, type HeaderCheck, type StepCheck } from './validate';

export interface Row {
  /** Stable across moves: React's key. */
  readonly key: number;
  /** The index of the opened scenario's step this row began as; null for a row added here. */
  readonly from: number | null;
  /** The row's text once edited; null while it reads as the opened step. */
  readonly text: DraftStep | null;
  readonly check: StepCheck;
}

/** What the rows need from the cluster, and how far they are from the opened scenario. */
interface Tally {
  /** Rows the schema refuses. */
  readonly malformed: number;
  /** Well-formed rows that no cluster could make valid. */
  readonly selfProblems: number;
  /** For each node id, how many mentions well-formed rows make of it. */
  readonly refs: ReadonlyMap<NodeId, number>;
  /** For each W or R a well-formed row asks for, how many rows ask it. */
  readonly quorums: ReadonlyMap<number, number>;
  /** Rows that differ from the opened scenario's step at the same index. */
  readonly changed: number;
}

export interface EditorDraft {
  readonly opened: SimScenario;
  readonly openedHeader: HeaderText;
  readonly header: HeaderText;
  readonly headerCheck: HeaderCheck;
  readonly rows: readonly Row[];
  readonly tally: Tally;
  readonly nextKey: number;
}

export type Verdict = { ok: true } | { ok: false; error: string; row: number | null };

export function openDraft(opened: SimScenario): EditorDraft {
  const rows: Row[] = [];
  const refs = new Map<NodeId, number>();
  const quorums = new Map<number, number>();
  let malformed = 0;
  let selfProblems = 0;
  opened.steps.forEach((step, i) => {
    const check = checkParsedStep(step);
    rows.push({ key: i, from: i, text: null, check });
    if (!check.ok) malformed++;
    else {
      if (check.selfProblem) selfProblems++;
      for (const id of check.refs) refs.set(id, (refs.get(id) ?? 0) + 1);
      quorums.set(check.quorum, (quorums.get(check.quorum) ?? 0) + 1);
    }
  });
  const header = headerToText(opened);
  return {
    opened,
    openedHeader: header,
    header,
    headerCheck: checkHeader(header),
    rows,
    tally: { malformed, selfProblems, refs, quorums, changed: 0 },
    nextKey: rows.length,
  };
}

/** The text a row shows. */
export function rowText(d: Pick<EditorDraft, 'opened'>, row: Row): DraftStep {
  return row.text ?? stepToDraft(openedStep(d, row));
}

function openedStep(d: Pick<EditorDraft, 'opened'>, row: Row): Step {
  const step = row.from === null ? undefined : d.opened.steps[row.from];
  if (step === undefined) throw new Error('a row without text must come from the opened scenario');
  return step;
}

export function isDirty(d: EditorDraft): boolean {
  return d.tally.changed > 0 || d.rows.length !== d.opened.steps.length || !sameHeaderText(d.header, d.openedHeader);
}

export function setHeader(d: EditorDraft, patch: Partial<HeaderText>): EditorDraft {
  const header = { ...d.header, ...patch };
  return { ...d, header, headerCheck: checkHeader(header) };
}

export function setSetting(d: EditorDraft, name: string, value: string | boolean): EditorDraft {
  return setHeader(d, { settings: { ...d.header.settings, [name]: value } });
}

/** Replaces row i's text: the one keystroke path. */
export function editStep(d: EditorDraft, i: number, text: DraftStep): EditorDraft {
  const old = d.rows[i];
  if (old === undefined) return d;
  // Typed back to what it was: the row is the opened step again, so
  // undoing an edit by hand leaves nothing to discard.
  const back = old.from !== null && sameStepText(text, stepToDraft(openedStep(d, old)));
  const next: Row = back
    ? { key: old.key, from: old.from, text: null, check: checkParsedStep(openedStep(d, old)) }
    : { key: old.key, from: old.from, text, check: checkStepText(text) };
  const rows = d.rows.slice();
  rows[i] = next;
  let tally = count(count(d.tally, old, -1), next, +1);
  tally = { ...tally, changed: tally.changed + changedAt(next, i) - changedAt(old, i) };
  return { ...d, rows, tally };
}

/** Swaps row i with its neighbour `by` (±1) away. */
export function moveStep(d: EditorDraft, i: number, by: -1 | 1): EditorDraft {
  const j = i + by;
  const a = d.rows[i];
  const b = d.rows[j];
  if (a === undefined || b === undefined) return d;
  const rows = d.rows.slice();
  rows[i] = b;
  rows[j] = a;
  const changed = d.tally.changed - changedAt(a, i) - changedAt(b, j) + changedAt(b, i) + changedAt(a, j);
  return { ...d, rows, tally: { ...d.tally, changed } };
}

export function removeStep(d: EditorDraft, i: number): EditorDraft {
  const old = d.rows[i];
  if (old === undefined) return d;
  const rows = d.rows.slice(0, i).concat(d.rows.slice(i + 1));
  // Every later row moves up one place: recount (a click, not a keystroke).
  let changed = 0;
  for (const [k, row] of rows.entries()) changed += changedAt(row, k);
  return { ...d, rows, tally: { ...count(d.tally, old, -1), changed } };
}

/** Whether another step fits under MAX_STEPS. */
export function canAdd(d: EditorDraft): boolean {
  return d.rows.length < MAX_STEPS;
}

/** Appends an empty step of `kind` at the last step's time. */
export function addStep(d: EditorDraft, kind: StepKind): EditorDraft {
  if (!canAdd(d)) return d;
  const last = d.rows.at(-1);
  const text = emptyStep(kind, last === undefined ? '0' : rowText(d, last).at);
  const row: Row = { key: d.nextKey, from: null, text, check: checkStepText(text) };
  const tally = count(d.tally, row, +1);
  return { ...d, rows: [...d.rows, row], tally: { ...tally, changed: tally.changed + 1 }, nextKey: d.nextKey + 1 };
}

/** 0 when row sits where the opened scenario had the same step, else 1. */
function changedAt(row: Row, i: number): number {
  return row.from === i && row.text === null ? 0 : 1;
}

/** The tally with one row's contribution added (+1) or taken away (-1). */
function count(t: Tally, row: Row, sign: 1 | -1): Tally {
  const check = row.check;
  if (!check.ok) return { ...t, malformed: t.malformed + sign };
  const refs = new Map(t.refs);
  for (const id of check.refs) bump(refs, id, sign);
  const quorums = new Map(t.quorums);
  bump(quorums, check.quorum, sign);
  return { ...t, selfProblems: t.selfProblems + (check.selfProblem ? sign : 0), refs, quorums };
}

function bump<K>(m: Map<K, number>, k: K, by: number): void {
  const v = (m.get(k) ?? 0) + by;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

/** Whether every well-formed row passes the cross-field checks under this cluster (without visiting the rows). */
function rowsFitCluster(t: Tally, nodes: ReadonlySet<NodeId>, n: number): boolean {
  if (t.selfProblems > 0) return false;
  for (const id of t.refs.keys()) if (!nodes.has(id)) return false;
  for (const q of t.quorums.keys()) if (q > n) return false;
  return true;
}

/** Whether row i has a problem of its own (for highlighting the rows on screen). */
export function rowIsInvalid(d: EditorDraft, row: Row): boolean {
  if (!row.check.ok) return true;
  const h = d.headerCheck;
  return h.ok && !fitsCluster(row.check, h.nodes, h.n);
}

/**
 * The first problem, as parseScenario would report it for the whole
 * scenario: a header shape problem, then the first malformed row, then a
 * cluster problem, then the first row that does not fit the cluster.
 */
export function verdict(d: EditorDraft): Verdict {
  const h = d.headerCheck;
  if (!h.ok) return { ok: false, error: h.error, row: null };
  const { rows, tally } = d;
  if (tally.malformed > 0) {
    const i = rows.findIndex((r) => !r.check.ok);
    const check = rows[i]?.check;
    if (check && !check.ok) return { ok: false, error: shapeMessage(check, i), row: i };
  }
  if (h.clusterError !== null) return { ok: false, error: h.clusterError, row: null };
  if (!rowsFitCluster(tally, h.nodes, h.n)) {
    const i = rows.findIndex((r) => r.check.ok && !fitsCluster(r.check, h.nodes, h.n));
    const check = rows[i]?.check;
    const error = check?.ok ? clusterMessage(check.step, i, h.nodes, h.n) : null;
    if (error !== null) return { ok: false, error, row: i };
  }
  return { ok: true };
}

/** The scenario the draft describes, when it is valid: what Apply loads. */
export function scenarioOf(d: EditorDraft): SimScenario | null {
  const h = d.headerCheck;
  if (!h.ok || !verdict(d).ok) return null;
  const steps: Step[] = d.rows.map((r) => {
    if (!r.check.ok) throw new Error('a valid draft has only well-formed rows');
    return r.check.step;
  });
  return { ...h.scenario, steps };
}

/**
 * The column of row `row` an error message is about: `steps[3].node: …` →
 * "node"; a repair's `nodes[1]` → "b". Matches the editor's field names.
 */
export function fieldOfError(error: string): string | null {
  const m = /^steps\[\d+\](?:\.(\w+))?(?:\[(\d+)\])?/.exec(error);
  if (!m) return null;
  const [, field, index] = m;
  if (field === undefined) return 'do';
  if (field === 'nodes') return index === '1' ? 'b' : 'a';
  return field;
}
