// "Hints, a stale read and a repair": nearly every metric moves. n3 is
// killed, the second write leaves a hint, n3 comes back and coordinates an
// R = 1 read of its own stale copy (a stale read, then a read repair), the
// hint is replayed, and an anti-entropy session syncs a key loaded on one
// replica only. The e2e suite opens it (RICH_JSON) and the monitoring
// series are tested on it; scripts/screenshots.mjs (plain Node, no
// TypeScript) keeps a copy as STORY.

import type { Step } from '../../sim/types';

export const RICH_STORY: { cluster: { n: number; w: number; r: number }; steps: Step[] } = {
  cluster: { n: 3, w: 2, r: 1 },
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 20, do: 'kill', node: 'n3' },
    { at: 100, do: 'put', client: 'alice', key: 'cart', value: 'eggs' },
    { at: 150, do: 'revive', node: 'n3' },
    { at: 152, do: 'get', client: 'bob', key: 'cart', coordinator: 'n3', r: 1 },
    { at: 400, do: 'load', node: 'n2', key: 'stray', value: 'x' },
    { at: 410, do: 'repair', nodes: ['n2', 'n5'] },
  ],
};
