// The shape of scenario version 1 (ARCHITECTURE.md, contract 1) as a zod
// schema. It checks each field on its own and fills in defaults; checks that
// relate fields to each other (w <= n, steps naming existing nodes) need the
// resolved node list and live in checks.ts.
//
// Every object is strict: a typo such as "sloppyQuorom" must be an error,
// because silently using the default would show a student the wrong system.
//
// It is written with zod/mini, whose functions bundle only what is used (the
// first view loads this file; zod's classic API costs ~27 KB gzipped there).
// zod/mini sets no locale, so every message a user can see is worded in
// issues.ts or given here.

import { z } from 'zod/mini';
import { DEFAULT_CLUSTER, DEFAULT_NETWORK, DEFAULT_NODE_COUNT, DEFAULT_SEED, DEFAULT_TITLE } from './defaults';
import {
  MAX_CLIENT_CHARS,
  MAX_KEY_BYTES,
  MAX_MERKLE_DEPTH,
  MAX_NODES,
  MAX_SEED,
  MAX_STEPS,
  MAX_TIME_MS,
  MAX_TITLE_CHARS,
  MAX_VALUE_BYTES,
  MAX_VNODES,
  NODE_ID_PATTERN,
} from './limits';
import { utf8ByteLength } from './utf8';

// JSON writes -0 as 0; normalising here keeps parse -> share link -> parse an
// exact round trip.
const withoutNegativeZero = (x: number): number => (x === 0 ? 0 : x);

function realNumber(min: number, max: number) {
  return z.pipe(z.number().check(z.gte(min), z.lte(max)), z.transform(withoutNegativeZero));
}

function wholeNumber(min: number, max: number) {
  return z.pipe(z.number().check(z.gte(min), z.lte(max), z.int()), z.transform(withoutNegativeZero));
}

const time = realNumber(0, MAX_TIME_MS);
const probability = realNumber(0, 1);

function textUpToBytes(maxBytes: number, minChars: number) {
  return z.string().check(
    z.minLength(minChars),
    z.superRefine((s, ctx) => {
      const bytes = utf8ByteLength(s);
      if (bytes > maxBytes) {
        ctx.addIssue({ code: 'custom', message: `is too long (${bytes} bytes; the limit is ${maxBytes} bytes)` });
      }
    }),
  );
}

// Keys must be non-empty so every view has something to show and click;
// values may be empty (an empty value is still a write).
const key = textUpToBytes(MAX_KEY_BYTES, 1);
const value = textUpToBytes(MAX_VALUE_BYTES, 0);
const client = z.string().check(z.minLength(1), z.maxLength(MAX_CLIENT_CHARS));
/** A node named by a step; whether it exists is checked in checks.ts. */
const nodeRef = z.string();
const quorum = wholeNumber(1, MAX_NODES);

const nodeId = z.string().check(
  z.regex(NODE_ID_PATTERN, {
    error: 'must be 1 to 16 letters, digits, "_" or "-"',
  }),
);

const nodeIdList = z.array(nodeId).check(
  z.minLength(1),
  z.maxLength(MAX_NODES),
  z.superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate node id ${JSON.stringify(id)}` });
      seen.add(id);
    });
  }),
);

const nodes = z.union([wholeNumber(1, MAX_NODES), nodeIdList], {
  error: `must be a number of nodes from 1 to ${MAX_NODES}, or a list of node ids like ["a", "b", "c"]`,
});

// A tick every fraction of a millisecond would flood a run with sessions.
const interval = time.check(z.refine((ms) => ms === 0 || ms >= 1, { error: 'must be 0 (off) or at least 1 ms' }));

const antiEntropy = z.strictObject({
  intervalMs: z._default(interval, DEFAULT_CLUSTER.antiEntropy.intervalMs),
  merkleDepth: z._default(wholeNumber(0, MAX_MERKLE_DEPTH), DEFAULT_CLUSTER.antiEntropy.merkleDepth),
});

export const clusterSchema = z.strictObject({
  nodes: z._default(nodes, DEFAULT_NODE_COUNT),
  vnodes: z._default(wholeNumber(1, MAX_VNODES), DEFAULT_CLUSTER.vnodes),
  n: z._default(quorum, DEFAULT_CLUSTER.n),
  w: z._default(quorum, DEFAULT_CLUSTER.w),
  r: z._default(quorum, DEFAULT_CLUSTER.r),
  sloppyQuorum: z._default(z.boolean(), DEFAULT_CLUSTER.sloppyQuorum),
  hintedHandoff: z._default(z.boolean(), DEFAULT_CLUSTER.hintedHandoff),
  readRepair: z._default(z.enum(['off', 'async', 'blocking']), DEFAULT_CLUSTER.readRepair),
  conflicts: z._default(z.enum(['lww', 'vector']), DEFAULT_CLUSTER.conflicts),
  antiEntropy: z.prefault(antiEntropy, {}),
  tombstoneGraceMs: z._default(time, DEFAULT_CLUSTER.tombstoneGraceMs),
  // A zero timeout would retry hand-offs at the same instant forever.
  requestTimeoutMs: z._default(realNumber(1, MAX_TIME_MS), DEFAULT_CLUSTER.requestTimeoutMs),
  failureDetectionMs: z._default(time, DEFAULT_CLUSTER.failureDetectionMs),
});

const uniformLatency = z.strictObject({ kind: z.literal('uniform'), min: time, max: time }).check(
  z.superRefine((l, ctx) => {
    if (l.min > l.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${l.min})` });
    }
  }),
);

export const latencySchemas = {
  fixed: z.strictObject({ kind: z.literal('fixed'), ms: time }),
  uniform: uniformLatency,
  exponential: z.strictObject({ kind: z.literal('exponential'), mean: z.number().check(z.gt(0), z.lte(MAX_TIME_MS)) }),
};

const distribution = z.discriminatedUnion('kind', [latencySchemas.fixed, latencySchemas.uniform, latencySchemas.exponential]);

/**
 * One distribution per leg of the WARS model (Bailis et al., VLDB 2012), a
 * backwards-compatible addition to contract 1: `write` is required and an
 * omitted leg takes its distribution (when the run draws, in sim/latency.ts;
 * the parsed scenario keeps it omitted, so a share link stays as written).
 */
export const legLatencySchema = z.strictObject({
  write: distribution,
  ack: z.optional(distribution),
  read: z.optional(distribution),
  response: z.optional(distribution),
});

/**
 * A single distribution (the original form) or one per leg. Which one the
 * input meant is decided by its fields (`latencyFormOf`), so an error names
 * the field inside the form the author was writing (issues.ts).
 */
const latency = z.union([distribution, legLatencySchema]);

/** The branch of `latency` an input was written as: 1 (per leg) when it names a leg, else 0. */
export function latencyFormOf(input: unknown): 0 | 1 {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 0;
  return Object.keys(legLatencySchema.shape).some((leg) => Object.hasOwn(input, leg)) ? 1 : 0;
}

export const networkSchema = z.strictObject({
  latency: z._default(latency, () => ({ ...DEFAULT_NETWORK.latency })),
  dropRate: z._default(probability, DEFAULT_NETWORK.dropRate),
  duplicateRate: z._default(probability, DEFAULT_NETWORK.duplicateRate),
});

const at = time;

export const stepSchemas = {
  put: z.strictObject({
    at, do: z.literal('put'), client, key, value,
    coordinator: z.optional(nodeRef), w: z.optional(quorum), blind: z.optional(z.boolean()),
  }),
  get: z.strictObject({ at, do: z.literal('get'), client, key, coordinator: z.optional(nodeRef), r: z.optional(quorum) }),
  delete: z.strictObject({ at, do: z.literal('delete'), client, key, coordinator: z.optional(nodeRef), w: z.optional(quorum) }),
  kill: z.strictObject({ at, do: z.literal('kill'), node: nodeRef, wipe: z.optional(z.boolean()) }),
  revive: z.strictObject({ at, do: z.literal('revive'), node: nodeRef }),
  partition: z.strictObject({
    at, do: z.literal('partition'),
    groups: z.array(z.array(nodeRef).check(z.minLength(1), z.maxLength(MAX_NODES))).check(z.minLength(1), z.maxLength(MAX_NODES)),
  }),
  cut: z.strictObject({ at, do: z.literal('cut'), from: nodeRef, to: nodeRef }),
  heal: z.strictObject({ at, do: z.literal('heal') }),
  repair: z.strictObject({
    at, do: z.literal('repair'),
    nodes: z.tuple([nodeRef, nodeRef]),
  }),
  skew: z.strictObject({ at, do: z.literal('skew'), node: nodeRef, offsetMs: realNumber(-MAX_TIME_MS, MAX_TIME_MS) }),
  drop: z.strictObject({ at, do: z.literal('drop'), rate: probability }),
  load: z.strictObject({ at, do: z.literal('load'), node: nodeRef, key, value, ts: z.optional(realNumber(0, Number.MAX_SAFE_INTEGER)) }),
};

/** One element of `steps` (the editor validates a step on its own with it). */
export const stepSchema = z.discriminatedUnion('do', [
  stepSchemas.put, stepSchemas.get, stepSchemas.delete, stepSchemas.kill, stepSchemas.revive, stepSchemas.partition,
  stepSchemas.cut, stepSchemas.heal, stepSchemas.repair, stepSchemas.skew, stepSchemas.drop, stepSchemas.load,
]);

export const scenarioSchema = z.strictObject({
  version: z.literal(1),
  title: z._default(z.string().check(z.maxLength(MAX_TITLE_CHARS)), DEFAULT_TITLE),
  seed: z._default(wholeNumber(0, MAX_SEED), DEFAULT_SEED),
  cluster: z.prefault(clusterSchema, {}),
  network: z.prefault(networkSchema, {}),
  steps: z._default(z.array(stepSchema).check(z.maxLength(MAX_STEPS)), () => []),
});

/** What the schema produces: like SimScenario, but `cluster.nodes` may still be a count. */
export type ScenarioShape = z.output<typeof scenarioSchema>;

/**
 * The fields allowed in the object at `path` of a scenario, for "did you mean"
 * hints. `input` is that object (it picks the step or latency kind).
 */
export function fieldsAt(path: readonly PropertyKey[], input: unknown): string[] {
  const kindOf = (field: string): unknown =>
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
  const shapeOf = (table: Readonly<Record<string, { shape: object }>>, kind: unknown): string[] => {
    const schema = typeof kind === 'string' && Object.hasOwn(table, kind) ? table[kind] : undefined;
    return schema === undefined ? [] : Object.keys(schema.shape);
  };
  const p = path.map(String).join('.');
  if (p === '') return Object.keys(scenarioSchema.shape);
  if (p === 'cluster') return Object.keys(clusterSchema.shape);
  if (p === 'cluster.antiEntropy') return Object.keys(antiEntropy.shape);
  if (p === 'network') return Object.keys(networkSchema.shape);
  if (p === 'network.latency') return latencyFormOf(input) === 1 ? Object.keys(legLatencySchema.shape) : shapeOf(latencySchemas, kindOf('kind'));
  if (path.length === 3 && p.startsWith('network.latency.')) return shapeOf(latencySchemas, kindOf('kind'));
  if (path.length === 2 && path[0] === 'steps') return shapeOf(stepSchemas, kindOf('do'));
  return [];
}
