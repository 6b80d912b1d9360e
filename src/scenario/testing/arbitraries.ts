// fast-check generators of valid scenarios, for property tests here and in
// other layers (e.g. the engine's determinism tests). Test-only: it imports
// fast-check, so nothing in the app may import it.
//
// Strings deliberately include markup, non-ASCII text and lone surrogates:
// all of them are legal in a scenario and must survive parsing and links.

import fc from 'fast-check';
import type { Latency, LatencyDistribution, NodeId, SimScenario, Step } from '../../sim/types';
import { DEFAULT_TITLE, nodeIdsForCount } from '../defaults';
import { MAX_TIME_MS, NODE_ID_PATTERN } from '../limits';

const strict = { noNullPrototype: true } as const;

/** -0 is not a distinct value in JSON, so generated scenarios never use it. */
const noNegativeZero = (x: number): number => (x === 0 ? 0 : x);

function real(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, 2 ** 31 - 1)) }),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map(noNegativeZero),
  );
}

const time = real(0, MAX_TIME_MS);

/** Often the default itself, so share links exercise both kept and omitted fields. */
function orDefault<T>(arb: fc.Arbitrary<T>, fallback: T): fc.Arbitrary<T> {
  return fc.oneof(fc.constant(fallback), arb);
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ unit: 'binary', minLength, maxLength }),
    fc.string({ unit: codeUnit, minLength, maxLength }),
    fc.constantFrom('<script>alert(1)</script>', '"quoted" & <b>bold</b>', 'milk', 'crème brûlée 🍮').filter(
      (s) => s.length >= minLength && s.length <= maxLength,
    ),
  );
}

const nodeLists: fc.Arbitrary<NodeId[]> = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map(nodeIdsForCount),
  fc.constant(nodeIdsForCount(5)),
  fc.uniqueArray(fc.stringMatching(NODE_ID_PATTERN), { minLength: 1, maxLength: 12 }),
);

const distribution: fc.Arbitrary<LatencyDistribution> = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), ms: time }, strict),
  fc
    .tuple(time, time)
    .map(([a, b]): LatencyDistribution => ({ kind: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
  fc.record({ kind: fc.constant('exponential' as const), mean: real(0.001, MAX_TIME_MS) }, strict),
);

/** One distribution, or one per leg with any of ack/read/response left out. */
const latency: fc.Arbitrary<Latency> = fc.oneof(
  distribution,
  fc.record({ write: distribution, ack: distribution, read: distribution, response: distribution }, { requiredKeys: ['write'], ...strict }),
);

/** Splits a shuffled subset of the nodes into non-empty, disjoint groups. */
function partitionGroups(nodes: NodeId[]): fc.Arbitrary<NodeId[][]> {
  return fc
    .tuple(fc.shuffledSubarray(nodes, { minLength: 1 }), fc.array(fc.nat(), { maxLength: 4 }))
    .map(([members, cuts]) => {
      const positions = [...new Set(cuts.map((c) => 1 + (c % Math.max(1, members.length - 1))))]
        .filter((p) => p < members.length)
        .sort((a, b) => a - b);
      const groups: NodeId[][] = [];
      let start = 0;
      for (const p of [...positions, members.length]) {
        groups.push(members.slice(start, p));
        start = p;
      }
      return groups;
    });
}

function steps(nodes: NodeId[], n: number): fc.Arbitrary<Step> {
  const node = fc.constantFrom(...nodes);
  const quorum = fc.integer({ min: 1, max: n });
  const key = text(1, 12);
  const value = text(0, 16);
  const client = text(1, 10);
  const kinds: fc.Arbitrary<Step>[] = [
    fc.record(
      { at: time, do: fc.constant('put' as const), client, key, value, coordinator: node, w: quorum, blind: fc.boolean() },
      { ...strict, requiredKeys: ['at', 'do', 'client', 'key', 'value'] },
    ),
    fc.record(
      { at: time, do: fc.constant('get' as const), client, key, coordinator: node, r: quorum },
      { ...strict, requiredKeys: ['at', 'do', 'client', 'key'] },
    ),
    fc.record(
      { at: time, do: fc.constant('delete' as const), client, key, coordinator: node, w: quorum },
      { ...strict, requiredKeys: ['at', 'do', 'client', 'key'] },
    ),
    fc.record({ at: time, do: fc.constant('kill' as const), node, wipe: fc.boolean() }, { ...strict, requiredKeys: ['at', 'do', 'node'] }),
    fc.record({ at: time, do: fc.constant('revive' as const), node }, strict),
    fc.record({ at: time, do: fc.constant('partition' as const), groups: partitionGroups(nodes) }, strict),
    fc.record({ at: time, do: fc.constant('heal' as const) }, strict),
    fc.record({ at: time, do: fc.constant('skew' as const), node, offsetMs: real(-MAX_TIME_MS, MAX_TIME_MS) }, strict),
    fc.record({ at: time, do: fc.constant('drop' as const), rate: real(0, 1) }, strict),
    fc.record(
      { at: time, do: fc.constant('load' as const), node, key, value, ts: real(0, 1e12) },
      { ...strict, requiredKeys: ['at', 'do', 'node', 'key', 'value'] },
    ),
  ];
  if (nodes.length >= 2) {
    const pair = fc.uniqueArray(node, { minLength: 2, maxLength: 2 }).map(([a = '', b = '']) => ({ a, b }));
    kinds.push(
      fc.tuple(time, pair).map(([at, { a, b }]): Step => ({ at, do: 'cut', from: a, to: b })),
      fc.tuple(time, pair).map(([at, { a, b }]): Step => ({ at, do: 'repair', nodes: [a, b] })),
    );
  }
  return fc.oneof(...kinds);
}

/** A valid, fully resolved scenario (what parseScenario returns). */
export const validScenario: fc.Arbitrary<SimScenario> = nodeLists.chain((nodes) =>
  fc.integer({ min: 1, max: nodes.length }).chain((n) =>
    fc.record(
      {
        version: fc.constant(1 as const),
        title: orDefault(text(0, 30), DEFAULT_TITLE),
        seed: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 2 ** 32 - 1 })),
        cluster: fc.record(
          {
            nodes: fc.constant(nodes),
            vnodes: orDefault(fc.integer({ min: 1, max: 64 }), 1),
            n: fc.constant(n),
            w: orDefault(fc.integer({ min: 1, max: n }), Math.min(2, n)),
            r: orDefault(fc.integer({ min: 1, max: n }), Math.min(2, n)),
            sloppyQuorum: fc.boolean(),
            hintedHandoff: fc.boolean(),
            readRepair: fc.constantFrom('off' as const, 'async' as const, 'blocking' as const),
            conflicts: fc.constantFrom('lww' as const, 'vector' as const),
            antiEntropy: fc.record({ intervalMs: orDefault(fc.oneof(fc.constant(0), real(1, MAX_TIME_MS)), 0), merkleDepth: orDefault(fc.integer({ min: 0, max: 16 }), 4) }, strict),
            tombstoneGraceMs: orDefault(time, 10000),
            requestTimeoutMs: orDefault(real(1, MAX_TIME_MS), 100),
            failureDetectionMs: orDefault(time, 50),
          },
          strict,
        ),
        network: fc.record(
          { latency: orDefault(latency, { kind: 'fixed', ms: 5 }), dropRate: orDefault(real(0, 1), 0), duplicateRate: orDefault(real(0, 1), 0) },
          strict,
        ),
        steps: fc.array(steps(nodes, n), { maxLength: 12 }),
      },
      strict,
    ),
  ),
);
