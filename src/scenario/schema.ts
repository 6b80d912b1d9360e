// The shape of scenario version 1 (ARCHITECTURE.md, contract 1) as a zod
// schema. It checks each field on its own and fills in defaults; checks that
// relate fields to each other (w <= n, steps naming existing nodes) need the
// resolved node list and live in checks.ts.
//
// Every object is strict: a typo such as "sloppyQuorom" must be an error,
// because silently using the default would show a student the wrong system.

import { z } from 'zod';
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
  return z.number().min(min).max(max).transform(withoutNegativeZero);
}

function wholeNumber(min: number, max: number) {
  return z.number().min(min).max(max).int().transform(withoutNegativeZero);
}

const time = realNumber(0, MAX_TIME_MS);
const probability = realNumber(0, 1);

function textUpToBytes(maxBytes: number, minChars: number) {
  return z
    .string()
    .min(minChars)
    .superRefine((s, ctx) => {
      const bytes = utf8ByteLength(s);
      if (bytes > maxBytes) {
        ctx.addIssue({ code: 'custom', message: `is too long (${bytes} bytes; the limit is ${maxBytes} bytes)` });
      }
    });
}

// Keys must be non-empty so every view has something to show and click;
// values may be empty (an empty value is still a write).
const key = textUpToBytes(MAX_KEY_BYTES, 1);
const value = textUpToBytes(MAX_VALUE_BYTES, 0);
const client = z.string().min(1).max(MAX_CLIENT_CHARS);
/** A node named by a step; whether it exists is checked in checks.ts. */
const nodeRef = z.string();
const quorum = wholeNumber(1, MAX_NODES);

const nodeId = z.string().regex(NODE_ID_PATTERN, {
  error: 'must be 1 to 16 letters, digits, "_" or "-"',
});

const nodeIdList = z
  .array(nodeId)
  .min(1)
  .max(MAX_NODES)
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate node id ${JSON.stringify(id)}` });
      seen.add(id);
    });
  });

const nodes = z.union([wholeNumber(1, MAX_NODES), nodeIdList], {
  error: `must be a number of nodes from 1 to ${MAX_NODES}, or a list of node ids like ["a", "b", "c"]`,
});

// A tick every fraction of a millisecond would flood a run with sessions.
const interval = time.refine((ms) => ms === 0 || ms >= 1, { error: 'must be 0 (off) or at least 1 ms' });

const antiEntropy = z.strictObject({
  intervalMs: interval.default(DEFAULT_CLUSTER.antiEntropy.intervalMs),
  merkleDepth: wholeNumber(0, MAX_MERKLE_DEPTH).default(DEFAULT_CLUSTER.antiEntropy.merkleDepth),
});

export const clusterSchema = z.strictObject({
  nodes: nodes.default(DEFAULT_NODE_COUNT),
  vnodes: wholeNumber(1, MAX_VNODES).default(DEFAULT_CLUSTER.vnodes),
  n: quorum.default(DEFAULT_CLUSTER.n),
  w: quorum.default(DEFAULT_CLUSTER.w),
  r: quorum.default(DEFAULT_CLUSTER.r),
  sloppyQuorum: z.boolean().default(DEFAULT_CLUSTER.sloppyQuorum),
  hintedHandoff: z.boolean().default(DEFAULT_CLUSTER.hintedHandoff),
  readRepair: z.enum(['off', 'async', 'blocking']).default(DEFAULT_CLUSTER.readRepair),
  conflicts: z.enum(['lww', 'vector']).default(DEFAULT_CLUSTER.conflicts),
  antiEntropy: antiEntropy.prefault({}),
  tombstoneGraceMs: time.default(DEFAULT_CLUSTER.tombstoneGraceMs),
  // A zero timeout would retry hand-offs at the same instant forever.
  requestTimeoutMs: realNumber(1, MAX_TIME_MS).default(DEFAULT_CLUSTER.requestTimeoutMs),
  failureDetectionMs: time.default(DEFAULT_CLUSTER.failureDetectionMs),
});

const uniformLatency = z
  .strictObject({ kind: z.literal('uniform'), min: time, max: time })
  .superRefine((l, ctx) => {
    if (l.min > l.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${l.min})` });
    }
  });

export const latencySchemas = {
  fixed: z.strictObject({ kind: z.literal('fixed'), ms: time }),
  uniform: uniformLatency,
  exponential: z.strictObject({ kind: z.literal('exponential'), mean: z.number().gt(0).max(MAX_TIME_MS) }),
};

const latency = z.discriminatedUnion('kind', [latencySchemas.fixed, latencySchemas.uniform, latencySchemas.exponential]);

export const networkSchema = z.strictObject({
  latency: latency.default(() => ({ ...DEFAULT_NETWORK.latency })),
  dropRate: probability.default(DEFAULT_NETWORK.dropRate),
  duplicateRate: probability.default(DEFAULT_NETWORK.duplicateRate),
});

const at = time;

export const stepSchemas = {
  put: z.strictObject({
    at, do: z.literal('put'), client, key, value,
    coordinator: nodeRef.optional(), w: quorum.optional(), blind: z.boolean().optional(),
  }),
  get: z.strictObject({ at, do: z.literal('get'), client, key, coordinator: nodeRef.optional(), r: quorum.optional() }),
  delete: z.strictObject({ at, do: z.literal('delete'), client, key, coordinator: nodeRef.optional(), w: quorum.optional() }),
  kill: z.strictObject({ at, do: z.literal('kill'), node: nodeRef, wipe: z.boolean().optional() }),
  revive: z.strictObject({ at, do: z.literal('revive'), node: nodeRef }),
  partition: z.strictObject({
    at, do: z.literal('partition'),
    groups: z.array(z.array(nodeRef).min(1).max(MAX_NODES)).min(1).max(MAX_NODES),
  }),
  cut: z.strictObject({ at, do: z.literal('cut'), from: nodeRef, to: nodeRef }),
  heal: z.strictObject({ at, do: z.literal('heal') }),
  repair: z.strictObject({
    at, do: z.literal('repair'),
    nodes: z.tuple([nodeRef, nodeRef]),
  }),
  skew: z.strictObject({ at, do: z.literal('skew'), node: nodeRef, offsetMs: realNumber(-MAX_TIME_MS, MAX_TIME_MS) }),
  drop: z.strictObject({ at, do: z.literal('drop'), rate: probability }),
  load: z.strictObject({ at, do: z.literal('load'), node: nodeRef, key, value, ts: realNumber(0, Number.MAX_SAFE_INTEGER).optional() }),
};

const step = z.discriminatedUnion('do', [
  stepSchemas.put, stepSchemas.get, stepSchemas.delete, stepSchemas.kill, stepSchemas.revive, stepSchemas.partition,
  stepSchemas.cut, stepSchemas.heal, stepSchemas.repair, stepSchemas.skew, stepSchemas.drop, stepSchemas.load,
]);

export const scenarioSchema = z.strictObject({
  version: z.literal(1),
  title: z.string().max(MAX_TITLE_CHARS).default(DEFAULT_TITLE),
  seed: wholeNumber(0, MAX_SEED).default(DEFAULT_SEED),
  cluster: clusterSchema.prefault({}),
  network: networkSchema.prefault({}),
  steps: z.array(step).max(MAX_STEPS).default(() => []),
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
  if (p === 'network.latency') return shapeOf(latencySchemas, kindOf('kind'));
  if (path.length === 2 && path[0] === 'steps') return shapeOf(stepSchemas, kindOf('do'));
  return [];
}
