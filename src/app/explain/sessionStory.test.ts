import { describe, expect, it } from 'vitest';
import { Kernel } from '../../sim/kernel';
import { Timeline } from '../../sim/timeline';
import type { SimScenario } from '../../sim/types';
import { oneKeyApart } from './fixtures';
import { layoutComparison, treeOf, visibleLevels } from './merkleLayout';
import { nodeKey, pickSession, sessionAt } from './sessionStory';
import { traceIndexOf } from '../traceIndex';

function run(scenario: SimScenario) {
  const kernel = new Kernel(scenario);
  kernel.runToEnd();
  return { kernel, timeline: new Timeline(scenario, kernel.trace, kernel.events), index: traceIndexOf(kernel.trace) };
}

describe('sessionAt', () => {
  it('finds the one differing leaf, the key synced, and counts hashes as the metrics do', () => {
    const s = oneKeyApart(4);
    const { kernel, timeline, index } = run(s);
    const end = kernel.events;
    const facts = pickSession(index, end, null)!;
    expect(facts).toMatchObject({ initiator: 'n3', peer: 'n4' });
    const at = sessionAt(index, facts, end);
    const cartRange = kernel.ring.rangeOf('cart').index;
    const kiwiRange = kernel.ring.rangeOf('kiwi').index;
    expect(at.running).toBe(false);
    expect(at.outcome).toBe('synced 1 key: 1 to n4');
    expect(at.differingLeaves).toEqual([{ range: cartRange, index: kernel.storageOf('n3').tree(cartRange)!.leafOf(kernel.ring.keyHashOf('cart')) }]);
    expect(at.synced.map(({ node, key }) => ({ node, key }))).toEqual([{ node: 'n4', key: 'cart' }]);
    expect(at.hashesCompared).toBe(timeline.at(end).metrics.merkleHashesCompared);
    expect(at.compared.get(nodeKey(cartRange, 0, 0))).toBe('differs');
    expect(at.compared.get(nodeKey(kiwiRange, 0, 0))).toBe('equal');
    // One level per message, root to leaves, then the two syncs.
    expect(at.levels.map((l) => l.level)).toEqual([0, 1, 2, 3, 4]);
    expect(at.syncs.map((x) => x.keys)).toEqual([[], ['cart']]);
  });

  it('lights a level only once its hash message has arrived', () => {
    const s = oneKeyApart(4);
    const { index } = run(s);
    const facts = [...index.sessions.values()][0]!;
    const root = (cursor: number) => sessionAt(index, facts, cursor).compared.get(nodeKey(1, 0, 0));
    // The session starts at the repair step's event; its root hashes arrive one event later.
    expect(root(facts.startE)).toBe('in flight');
    expect(sessionAt(index, facts, facts.startE).running).toBe(true);
    expect(root(facts.startE + 1)).toBe('differs');
    expect(sessionAt(index, facts, facts.startE - 1).levels).toEqual([]);
  });
});

describe('layoutComparison', () => {
  it('draws the top levels and only the path to the differing leaf of a 2^16-leaf tree', () => {
    const s = oneKeyApart(16);
    const { kernel, timeline, index } = run(s);
    const end = kernel.events;
    const view = timeline.at(end);
    const facts = [...index.sessions.values()][0]!;
    const at = sessionAt(index, facts, end);
    const held = kernel.ring.rangeOf('cart');
    const a = treeOf(view.nodes.get('n3')!.data, kernel.ring, held, 16);
    const b = treeOf(view.nodes.get('n4')!.data, kernel.ring, held, 16);
    // After the sync both hold cart: the trees agree again.
    expect(a.root()).toBe(b.root());
    expect(a.root()).toBe(kernel.storageOf('n3').tree(held.index)!.root());
    const layout = layoutComparison(a, b, (level, i) => at.compared.get(nodeKey(held.index, level, i)));
    expect(layout.nodes.length).toBeLessThan(40);
    const rows = new Set(layout.nodes.map((n) => n.y));
    expect(rows.size).toBeLessThanOrEqual(8);
    const leaf = layout.nodes.find((n) => n.level === 16 && n.state === 'differs');
    expect(leaf?.keys).toContain('cart');
    expect(layout.nodes.some((n) => n.skippedAbove > 0)).toBe(true);
    // Every drawn node below the top is on the way to the difference, or a sibling of it.
    for (const n of layout.nodes.filter((x) => x.level > 2)) expect(n.state).toBeDefined();
  });

  it('before any session, opens the subtrees whose hashes differ now', () => {
    const s = oneKeyApart(4);
    s.steps = s.steps.filter((x) => x.do !== 'repair');
    const { kernel, timeline } = run(s);
    const view = timeline.at(kernel.events);
    const held = kernel.ring.rangeOf('cart');
    const a = treeOf(view.nodes.get('n3')!.data, kernel.ring, held, 4);
    const b = treeOf(view.nodes.get('n4')!.data, kernel.ring, held, 4);
    const layout = layoutComparison(a, b, () => undefined);
    const leaves = layout.nodes.filter((n) => n.level === 4 && n.differsNow);
    expect(leaves.map((n) => n.keys)).toEqual([['cart']]);
  });

  it('keeps every level of a shallow tree', () => {
    expect([...visibleLevels(4, 2, 2, 8)]).toEqual([0, 1, 2, 3, 4]);
    expect([...visibleLevels(16, 6, 2, 8)].sort((x, y) => x - y)).toEqual([0, 1, 2, 5, 6, 7, 15, 16]);
  });
});
