// Small scenarios the explain views' tests share: each shows one thing a
// student should be told (a stale read, a sloppy quorum's substitute, a
// Merkle repair of one differing key).

import { DEFAULT_SCENARIO } from '../../scenario';
import type { SimScenario, Step } from '../../sim/types';

export function scenarioWith(steps: Step[], tweak: (s: SimScenario) => void = () => {}): SimScenario {
  const s = structuredClone<SimScenario>(DEFAULT_SCENARIO);
  s.steps = steps;
  tweak(s);
  return s;
}

/** n1 misses alice's second write, comes back, and answers an R = 1 read alone. */
export function staleRead(): SimScenario {
  return scenarioWith([
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 20, do: 'kill', node: 'n1' },
    { at: 80, do: 'put', client: 'alice', key: 'cart', value: 'eggs' },
    { at: 150, do: 'revive', node: 'n1' },
    { at: 155, do: 'get', client: 'bob', key: 'cart', coordinator: 'n1', r: 1 },
  ]);
}

/** n4, a home replica of cart, is down; the sloppy write goes to n5 instead. */
export function sloppyWrite(): SimScenario {
  return scenarioWith(
    [
      { at: 0, do: 'kill', node: 'n4' },
      { at: 60, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    ],
    (s) => {
      s.cluster.sloppyQuorum = true;
    },
  );
}

/** n3 and n4 share two key ranges: kiwi's (equal on both) and cart's, where
 *  they agree on fig but only n3 holds cart; then one anti-entropy session. */
export function oneKeyApart(merkleDepth = 4): SimScenario {
  return scenarioWith(
    [
      { at: 0, do: 'load', node: 'n3', key: 'cart', value: 'milk' },
      { at: 0, do: 'load', node: 'n3', key: 'fig', value: 'ripe' },
      { at: 0, do: 'load', node: 'n4', key: 'fig', value: 'ripe' },
      { at: 0, do: 'load', node: 'n3', key: 'kiwi', value: 'green' },
      { at: 0, do: 'load', node: 'n4', key: 'kiwi', value: 'green' },
      { at: 10, do: 'repair', nodes: ['n3', 'n4'] },
    ],
    (s) => {
      s.cluster.antiEntropy.merkleDepth = merkleDepth;
    },
  );
}
