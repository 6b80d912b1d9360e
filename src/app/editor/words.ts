// The editor's messages in words. The scenario layer names a field by its
// path (`steps[3].at: must be …`), which is what a file's author and the
// CLI need; in the editor a person sees rows and labelled fields, so the
// same message reads "Step 3: time must be …", numbered as the rows are.
// Rates are percentages in the editor (percent.ts), so a bound or a value
// quoted for one is given as a percentage too.

import { percentText } from './percent';

/** A field of a step, as the editor's row labels name it. */
const STEP_WORDS: Readonly<Record<string, string>> = {
  at: 'time',
  do: 'action',
  client: 'client',
  key: 'key',
  value: 'value',
  coordinator: 'coordinator',
  w: 'W',
  r: 'R',
  blind: 'blind',
  node: 'node',
  wipe: 'wipe disk',
  groups: 'groups',
  from: 'from',
  to: 'to',
  nodes: 'nodes',
  offsetMs: 'offset',
  rate: 'rate',
  ts: 'timestamp',
};

/** The words for one leg's latency fields (`network.latency.ack.mean` → "Ack latency (the mean)"). */
function legWords(leg: string, name: string): Record<string, string> {
  const at = `network.latency.${leg}`;
  return {
    [at]: name,
    [`${at}.kind`]: name,
    [`${at}.ms`]: name,
    [`${at}.min`]: `${name} (the shortest)`,
    [`${at}.max`]: `${name} (the longest)`,
    [`${at}.mean`]: `${name} (the mean)`,
  };
}

/** A setting, as the editor's labels name it (by its path, dots between). */
const HEADER_WORDS: Readonly<Record<string, string>> = {
  version: 'Version',
  title: 'Title',
  seed: 'Seed',
  'cluster.nodes': 'Nodes',
  'cluster.vnodes': 'Tokens per node',
  'cluster.n': 'N',
  'cluster.w': 'W',
  'cluster.r': 'R',
  'cluster.sloppyQuorum': 'Sloppy quorum',
  'cluster.hintedHandoff': 'Hinted handoff',
  'cluster.readRepair': 'Read repair',
  'cluster.conflicts': 'Conflicts',
  'cluster.antiEntropy.intervalMs': 'Anti-entropy interval',
  'cluster.antiEntropy.merkleDepth': 'Merkle depth',
  'cluster.tombstoneGraceMs': 'Tombstone grace',
  'cluster.requestTimeoutMs': 'Request timeout',
  'cluster.failureDetectionMs': 'Failure detection',
  'network.latency': 'Latency',
  'network.latency.kind': 'Latency',
  'network.latency.ms': 'Latency',
  'network.latency.min': 'Latency (the shortest)',
  'network.latency.max': 'Latency (the longest)',
  'network.latency.mean': 'Latency (the mean)',
  ...legWords('write', 'Write latency'),
  ...legWords('ack', 'Ack latency'),
  ...legWords('read', 'Read latency'),
  ...legWords('response', 'Response latency'),
  'network.dropRate': 'Drop rate',
  'network.duplicateRate': 'Duplicate rate',
};

const PERCENT_FIELDS = new Set(['network.dropRate', 'network.duplicateRate', 'steps.rate']);

type Part = string | number;

/** `steps[3].groups[0][1]: message` → its path and its message; null when it has no path. */
function splitPath(error: string): { path: Part[]; problem: string } | null {
  const m = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*): ([\s\S]*)$/.exec(error);
  if (!m) return null;
  const path: Part[] = [];
  for (const [, name, index] of m[1]!.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) path.push(name ?? Number(index));
  return { path, problem: m[2]! };
}

/** A message of the scenario editor, worded for a person rather than by field path. */
export function editorWords(error: string): string {
  const split = splitPath(error);
  if (!split) return error;
  const { path, problem } = split;
  if (path[0] === 'steps' && typeof path[1] === 'number') return stepWords(path[1], path.slice(2), problem);
  return headerWords(path, problem);
}

function stepWords(row: number, rest: Part[], problem: string): string {
  const step = `Step ${row}`;
  const [field, index] = rest;
  if (field === undefined) return `${step}: ${problem}`;
  const name = String(field);
  let subject = STEP_WORDS[name] ?? name;
  if (name === 'groups' && typeof index === 'number') subject = `group ${index + 1}`;
  if (name === 'nodes' && typeof index === 'number') subject = index === 0 ? 'the first node' : 'the second node';
  // A cut from a node to itself, a repair of a node with itself.
  const same = /^must (?:be a different node from "from"|name two different nodes) \(both are (.+)\)$/.exec(problem);
  if (same) return `${step}: ${name === 'to' ? 'from and to' : 'the two nodes'} must be different nodes (both are ${same[1]})`;
  const words = PERCENT_FIELDS.has(`steps.${name}`) ? asPercent(problem) : problem;
  return `${step}: ${sentence(subject, words)}`;
}

function headerWords(path: Part[], problem: string): string {
  const names = path.filter((p): p is string => typeof p === 'string').join('.');
  const subject = HEADER_WORDS[names];
  if (subject === undefined) return `${names}: ${problem}`;
  if (names === 'cluster.nodes') {
    const twice = /^duplicate node id (.+)$/.exec(problem);
    if (twice) return `Nodes lists ${twice[1]} twice`;
    const index = path.find((p) => typeof p === 'number');
    if (typeof index === 'number') return sentence(`Nodes: id ${index + 1}`, problem);
  }
  const words = PERCENT_FIELDS.has(names) ? asPercent(problem) : problem;
  return sentence(subject, words.replace(/^must be at least min \(/, 'must be at least the shortest ('));
}

/** "<subject> <what is wrong>", as one sentence. */
function sentence(subject: string, problem: string): string {
  if (problem === 'required') return `${subject} is required`;
  if (/^(must|is|has) /.test(problem)) return `${subject} ${problem.replace(/at most n \(/, 'at most N (')}`;
  const unknown = /^unknown node (.+)$/.exec(problem);
  if (unknown?.[1] === '""') return `${subject} is required`;
  if (unknown) return `${subject} names ${unknown[1]}, which is not a node of the cluster`;
  const twice = /^node (.+) is listed twice in this group$/.exec(problem);
  if (twice) return `${subject} lists node ${twice[1]} twice`;
  const elsewhere = /^node (.+) is already in groups\[(\d+)\]; a node can be in only one group$/.exec(problem);
  if (elsewhere) return `${subject} lists node ${elsewhere[1]}, which is already in group ${Number(elsewhere[2]) + 1}; a node can be in only one group`;
  return `${subject}: ${problem}`;
}

/** A rate's bounds and the value quoted, as percentages: "must be at most 1 (got 1.5)" → "must be at most 100 % (got 150 %)". */
function asPercent(problem: string): string {
  return problem
    .replace(/^(must be (?:at most|at least|greater than|less than)) (-?[\d.e+-]+)/, (_, words: string, n: string) => `${words} ${percentText(Number(n))} %`)
    .replace(/\(got (-?[\d.e+-]+)\)$/, (_, n: string) => `(got ${percentText(Number(n))} %)`);
}
