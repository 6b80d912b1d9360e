// The report (contract 2) is keyed by user text: keys in `ring.keys` and
// `replicas.<id>.data`, node ids in `replicas`. Every name must survive
// JSON.stringify, including the ones a plain object treats specially.

import { describe, expect, it } from 'vitest';
import { report } from './testkit';
import type { Step } from './types';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('buildReport: keys and node ids that are also Object.prototype names (issue 13)', () => {
  const steps: Step[] = [
    ...NAMES.map((key, i): Step => ({ at: i, do: 'put', client: 'alice', key, value: `v-${key}` })),
    { at: 50, do: 'kill', node: '__proto__' },
  ];
  const doc = JSON.parse(JSON.stringify(report({ nodes: [...NAMES, 'n5'], steps }))) as {
    ring: { keys: Record<string, { preferenceList: string[] }> };
    replicas: Record<string, { up: boolean; data: Record<string, { values: string[] }> }>;
  };

  it('lists every key in ring.keys', () => {
    expect(Object.keys(doc.ring.keys).sort()).toEqual([...NAMES].sort());
    expect(Object.hasOwn(doc.ring.keys, '__proto__')).toBe(true);
    expect(doc.ring.keys['__proto__']!.preferenceList).toHaveLength(3);
  });

  it('lists every node in replicas, a node named __proto__ included', () => {
    expect(Object.keys(doc.replicas).sort()).toEqual([...NAMES, 'n5'].sort());
    expect(Object.hasOwn(doc.replicas, '__proto__')).toBe(true);
    expect(doc.replicas['__proto__']!.up).toBe(false);
  });

  it('lists a key named __proto__ in the data of each replica that holds it', () => {
    const holders = doc.ring.keys['__proto__']!.preferenceList;
    for (const id of holders) {
      expect(Object.hasOwn(doc.replicas[id]!.data, '__proto__')).toBe(true);
      expect(doc.replicas[id]!.data['__proto__']!.values).toEqual(['v-__proto__']);
    }
  });
});
