// The scenario editor edits a draft made of strings (what the inputs hold);
// turning it back into JSON and through the schema gives the same
// validation messages as a link or a file would. This file is the text side
// (fields, and text <-> JSON); model.ts keeps a draft of many steps and
// validates it row by row.

import { isPerLeg } from '../../sim/latency';
import type { LatencyDistribution, SimScenario, Step, StepKind } from '../../sim/types';
import { percentText, rateOfPercent } from './percent';

/** `percent`: a rate (0 to 1 in the JSON) typed as a percentage, as under the ring. */
export type FieldType = 'text' | 'number' | 'percent' | 'node' | 'bool' | 'groups';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  optional?: boolean;
}

export const STEP_FIELDS: Record<StepKind, FieldSpec[]> = {
  put: [
    { name: 'client', label: 'Client', type: 'text' },
    { name: 'key', label: 'Key', type: 'text' },
    { name: 'value', label: 'Value', type: 'text' },
    { name: 'coordinator', label: 'Coordinator', type: 'node', optional: true },
    { name: 'w', label: 'W', type: 'number', optional: true },
    { name: 'blind', label: 'Blind', type: 'bool', optional: true },
  ],
  get: [
    { name: 'client', label: 'Client', type: 'text' },
    { name: 'key', label: 'Key', type: 'text' },
    { name: 'coordinator', label: 'Coordinator', type: 'node', optional: true },
    { name: 'r', label: 'R', type: 'number', optional: true },
  ],
  delete: [
    { name: 'client', label: 'Client', type: 'text' },
    { name: 'key', label: 'Key', type: 'text' },
    { name: 'coordinator', label: 'Coordinator', type: 'node', optional: true },
    { name: 'w', label: 'W', type: 'number', optional: true },
  ],
  kill: [
    { name: 'node', label: 'Node', type: 'node' },
    { name: 'wipe', label: 'Wipe disk', type: 'bool', optional: true },
  ],
  revive: [{ name: 'node', label: 'Node', type: 'node' }],
  partition: [{ name: 'groups', label: 'Groups (n1 n2 | n3 n4)', type: 'groups' }],
  cut: [
    { name: 'from', label: 'From', type: 'node' },
    { name: 'to', label: 'To', type: 'node' },
  ],
  heal: [],
  repair: [
    { name: 'a', label: 'Node', type: 'node' },
    { name: 'b', label: 'With', type: 'node' },
  ],
  skew: [
    { name: 'node', label: 'Node', type: 'node' },
    { name: 'offsetMs', label: 'Offset (ms)', type: 'number' },
  ],
  drop: [{ name: 'rate', label: 'Rate (%)', type: 'percent' }],
  load: [
    { name: 'node', label: 'Node', type: 'node' },
    { name: 'key', label: 'Key', type: 'text' },
    { name: 'value', label: 'Value', type: 'text' },
    { name: 'ts', label: 'Timestamp', type: 'number', optional: true },
  ],
};

export const STEP_KINDS = Object.keys(STEP_FIELDS) as StepKind[];

export interface DraftStep {
  at: string;
  do: StepKind;
  fields: Record<string, string | boolean>;
}

/** Everything but the steps, as the inputs hold it: numbers as strings. */
export interface HeaderText {
  title: string;
  seed: string;
  nodes: string;
  settings: Record<string, string | boolean>;
}

export interface Draft extends HeaderText {
  steps: DraftStep[];
}

/** The two ways to give latency (contract 1): one distribution, or one per leg of a request. */
export const ONE_LATENCY = 'one for all messages';
export const LATENCY_PER_LEG = 'one per message leg';

export interface SettingSpec {
  name: string;
  label: string;
  type: 'number' | 'percent' | 'bool' | 'select' | 'text';
  options?: string[];
  /** The label when latency is given per leg (the one field then means the write leg). */
  legLabel?: string;
  /** Shown only when latency is given per leg. */
  perLeg?: boolean;
}

export const SETTINGS: SettingSpec[] = [
  { name: 'vnodes', label: 'Tokens per node (vnodes)', type: 'number' },
  { name: 'n', label: 'N — replicas per key', type: 'number' },
  { name: 'w', label: 'W — write acks needed', type: 'number' },
  { name: 'r', label: 'R — read replies needed', type: 'number' },
  { name: 'sloppyQuorum', label: 'Sloppy quorum', type: 'bool' },
  { name: 'hintedHandoff', label: 'Hinted handoff', type: 'bool' },
  { name: 'readRepair', label: 'Read repair', type: 'select', options: ['off', 'async', 'blocking'] },
  { name: 'conflicts', label: 'Conflicts', type: 'select', options: ['lww', 'vector'] },
  { name: 'antiEntropy.intervalMs', label: 'Anti-entropy every (ms, 0 = off)', type: 'number' },
  { name: 'antiEntropy.merkleDepth', label: 'Merkle depth', type: 'number' },
  { name: 'tombstoneGraceMs', label: 'Tombstone grace (ms)', type: 'number' },
  { name: 'requestTimeoutMs', label: 'Request timeout (ms)', type: 'number' },
  { name: 'failureDetectionMs', label: 'Failure detection (ms)', type: 'number' },
  { name: 'latencyForm', label: 'Latency', type: 'select', options: [ONE_LATENCY, LATENCY_PER_LEG] },
  { name: 'latency', label: 'Latency (5 · 1-10 · exp 8)', legLabel: 'Write latency (5 · 1-10 · exp 8)', type: 'text' },
  { name: 'latency.ack', label: 'Ack latency (empty = as write)', type: 'text', perLeg: true },
  { name: 'latency.read', label: 'Read latency (empty = as write)', type: 'text', perLeg: true },
  { name: 'latency.response', label: 'Response latency (empty = as write)', type: 'text', perLeg: true },
  { name: 'dropRate', label: 'Drop rate (%)', type: 'percent' },
  { name: 'duplicateRate', label: 'Duplicate rate (%)', type: 'percent' },
];

/** Whether a setting is shown: the other legs' latencies only when latency is given per leg. */
export function settingShown(spec: SettingSpec, settings: HeaderText['settings']): boolean {
  return !spec.perLeg || settings.latencyForm === LATENCY_PER_LEG;
}

/** A setting's label as shown with these settings. */
export function settingLabel(spec: SettingSpec, settings: HeaderText['settings']): string {
  return spec.legLabel !== undefined && settings.latencyForm === LATENCY_PER_LEG ? spec.legLabel : spec.label;
}

/** A distribution as the latency fields take it: "5", "1-10", "exp 8". */
function latencyText(l: LatencyDistribution): string {
  return l.kind === 'fixed' ? String(l.ms) : l.kind === 'uniform' ? `${l.min}-${l.max}` : `exp ${l.mean}`;
}

export function toDraft(s: SimScenario): Draft {
  return { ...headerToText(s), steps: s.steps.map(stepToDraft) };
}

export function headerToText(s: SimScenario): HeaderText {
  const c = s.cluster;
  const l = s.network.latency;
  return {
    title: s.title,
    seed: String(s.seed),
    nodes: c.nodes.join(' '),
    settings: {
      vnodes: String(c.vnodes),
      n: String(c.n),
      w: String(c.w),
      r: String(c.r),
      sloppyQuorum: c.sloppyQuorum,
      hintedHandoff: c.hintedHandoff,
      readRepair: c.readRepair,
      conflicts: c.conflicts,
      'antiEntropy.intervalMs': String(c.antiEntropy.intervalMs),
      'antiEntropy.merkleDepth': String(c.antiEntropy.merkleDepth),
      tombstoneGraceMs: String(c.tombstoneGraceMs),
      requestTimeoutMs: String(c.requestTimeoutMs),
      failureDetectionMs: String(c.failureDetectionMs),
      latencyForm: isPerLeg(l) ? LATENCY_PER_LEG : ONE_LATENCY,
      latency: latencyText(isPerLeg(l) ? l.write : l),
      'latency.ack': isPerLeg(l) && l.ack ? latencyText(l.ack) : '',
      'latency.read': isPerLeg(l) && l.read ? latencyText(l.read) : '',
      'latency.response': isPerLeg(l) && l.response ? latencyText(l.response) : '',
      dropRate: percentText(s.network.dropRate),
      duplicateRate: percentText(s.network.duplicateRate),
    },
  };
}

export function stepToDraft(step: Step): DraftStep {
  const fields: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(step)) {
    if (k === 'at' || k === 'do') continue;
    if (k === 'groups') fields.groups = (v as string[][]).map((g) => g.join(' ')).join(' | ');
    else if (k === 'nodes') {
      const [a, b] = v as [string, string];
      fields.a = a;
      fields.b = b;
    } else if (step.do === 'drop' && k === 'rate') fields.rate = percentText(step.rate);
    else fields[k] = typeof v === 'boolean' ? v : String(v);
  }
  return { at: String(step.at), do: step.do, fields };
}

export function emptyStep(kind: StepKind, at: string): DraftStep {
  return { at, do: kind, fields: {} };
}

/** Whether two steps read the same in the editor (the fields the kind shows, and the time). */
export function sameStepText(a: DraftStep, b: DraftStep): boolean {
  if (a.at !== b.at || a.do !== b.do) return false;
  return STEP_FIELDS[a.do].every((f) => (a.fields[f.name] ?? '') === (b.fields[f.name] ?? ''));
}

/** Header settings that read the same in the editor. */
export function sameHeaderText(a: HeaderText, b: HeaderText): boolean {
  if (a.title !== b.title || a.seed !== b.seed || a.nodes !== b.nodes) return false;
  return SETTINGS.every((f) => a.settings[f.name] === b.settings[f.name]);
}

/** The node ids the Nodes field lists, as the schema will read them. */
export function nodeList(text: string): string[] {
  return text.trim().split(/[\s,]+/).filter(Boolean);
}

/** Numbers stay strings if they are not numbers, so the schema names them. */
function num(s: string): number | string {
  const t = s.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

function latencyOf(text: string): unknown {
  const t = text.trim();
  // A plain number first: "5e-324" is a fixed latency, not a range from "5e".
  if (typeof num(t) === 'number') return { kind: 'fixed', ms: num(t) };
  const exp = /^exp(?:onential)?\s+(\S+)$/i.exec(t);
  if (exp) return { kind: 'exponential', mean: num(exp[1]!) };
  // The dash of a range is not an exponent's sign: "1e-3 - 2e-3".
  const range = /^(\S*?[^eE\s])\s*-\s*(\S+)$/.exec(t);
  if (range) return { kind: 'uniform', min: num(range[1]!), max: num(range[2]!) };
  return { kind: 'fixed', ms: num(t) };
}

/** The latency JSON of the settings: one distribution, or the write leg and each leg not left empty. */
function latencyJson(settings: HeaderText['settings']): unknown {
  const text = (k: string) => String(settings[k] ?? '');
  if (settings.latencyForm !== LATENCY_PER_LEG) return latencyOf(text('latency'));
  const out: Record<string, unknown> = { write: latencyOf(text('latency')) };
  for (const leg of ['ack', 'read', 'response']) {
    if (text(`latency.${leg}`).trim() !== '') out[leg] = latencyOf(text(`latency.${leg}`));
  }
  return out;
}

/** The JSON a user would have written: the schema validates it. */
export function fromDraft(d: Draft): unknown {
  return { ...headerJson(d), steps: d.steps.map(stepJson) };
}

/** The JSON of everything but the steps. */
export function headerJson(d: HeaderText): Record<string, unknown> {
  const s = d.settings;
  const str = (k: string) => String(s[k] ?? '');
  const nodes = nodeList(d.nodes);
  return {
    version: 1,
    title: d.title,
    seed: num(d.seed),
    cluster: {
      nodes,
      vnodes: num(str('vnodes')),
      n: num(str('n')),
      w: num(str('w')),
      r: num(str('r')),
      sloppyQuorum: s.sloppyQuorum === true,
      hintedHandoff: s.hintedHandoff === true,
      readRepair: str('readRepair'),
      conflicts: str('conflicts'),
      antiEntropy: { intervalMs: num(str('antiEntropy.intervalMs')), merkleDepth: num(str('antiEntropy.merkleDepth')) },
      tombstoneGraceMs: num(str('tombstoneGraceMs')),
      requestTimeoutMs: num(str('requestTimeoutMs')),
      failureDetectionMs: num(str('failureDetectionMs')),
    },
    network: { latency: latencyJson(s), dropRate: rateOfPercent(str('dropRate')), duplicateRate: rateOfPercent(str('duplicateRate')) },
  };
}

/** The JSON of one step, as a user would have written it. */
export function stepJson(step: DraftStep): Record<string, unknown> {
  const out: Record<string, unknown> = { at: num(step.at), do: step.do };
  for (const spec of STEP_FIELDS[step.do]) {
    if (spec.name === 'a' || spec.name === 'b') continue;
    const v = step.fields[spec.name];
    if (spec.type === 'bool') {
      if (v === true) out[spec.name] = true;
      continue;
    }
    const text = typeof v === 'string' ? v : '';
    if (text.trim() === '' && spec.optional) continue;
    if (spec.type === 'number') out[spec.name] = num(text);
    else if (spec.type === 'percent') out[spec.name] = rateOfPercent(text);
    else if (spec.type === 'groups') out.groups = text.split('|').map((g) => g.trim().split(/[\s,]+/).filter(Boolean));
    else out[spec.name] = text;
  }
  if (step.do === 'repair') out.nodes = [String(step.fields.a ?? ''), String(step.fields.b ?? '')];
  return out;
}

/** Which step row an error message is about (`steps[3].node: …` → 3). */
export function rowOfError(error: string): number | null {
  const m = /^steps\[(\d+)\]/.exec(error);
  return m ? Number(m[1]) : null;
}
