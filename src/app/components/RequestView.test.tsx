// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../testing/render';
import { DEFAULT_SCENARIO } from '../../scenario';
import type { SimScenario } from '../../sim/types';
import { runOf } from '../state/run';
import { createAppStore, type AppStore } from '../state/store';
import { oneKeyApart, staleRead } from '../explain/fixtures';
import { MerkleView } from './MerkleView';
import { RequestView } from './RequestView';


function storeAtEnd(scenario: SimScenario): AppStore {
  return createAppStore(scenario, runOf(scenario).events);
}

describe('RequestView', () => {
  it('states the R sentence and the quorum rule for the default scenario', () => {
    const el = render(<RequestView />, storeAtEnd(structuredClone(DEFAULT_SCENARIO)));
    expect(el.querySelector('.outcome')?.textContent).toBe('2 of 3 replies (n3, n4): R = 2 is met');
    expect(el.textContent).toContain('W + R = 4 > N = 3: the R replicas a read hears from overlap the W replicas that acknowledged the latest write');
    expect(el.textContent).not.toContain('reads see the latest');
    expect(el.querySelector('.quorum-rule button')?.textContent).toBe('Lesson 10: Where quorums still go wrong');
    expect(el.textContent).toContain('N = 3 copies of each key');
    expect(el.querySelector('[aria-label^="R = 2: 2 of 2"]')).not.toBeNull();
  });

  it('states the W sentence once the write is acknowledged, and lets a listed operation be chosen', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    const store = storeAtEnd(scenario);
    const el = render(<RequestView />, store);
    const put = [...el.querySelectorAll<HTMLButtonElement>('.op-list button')].find((b) => b.textContent?.includes('alice put cart'));
    expect(put?.textContent).toMatch(/acknowledged$/);
    act(() => put!.click());
    expect(store.getState().selectedOp).toBe(0);
    expect(el.querySelector('.outcome')?.textContent).toBe('2 of 3 acks: W = 2 is met');
    // The list never names a node the way the ring does.
    for (const b of el.querySelectorAll('button')) expect(b.textContent ?? '').not.toMatch(/^Node n\d+, (up|down)$/);
  });

  it('calls a stale read stale and says whom it read', () => {
    const el = render(<RequestView />, storeAtEnd(staleRead()));
    expect(el.querySelector('.outcome')?.textContent).toBe('R = 1 read n1, which missed alice\'s put of "eggs": stale');
    expect(el.textContent).toContain("This request asked for R = 1: W + R = 3 ≤ N = 3: a read's replicas need not overlap the write's, so it may miss the latest write.");
  });

  it('points to the Merkle tab while a session runs', () => {
    const scenario = oneKeyApart();
    const run = runOf(scenario);
    const repairEvent = run.stepEvent[scenario.steps.length - 1]!;
    const store = createAppStore(scenario, repairEvent + 1);
    const el = render(<RequestView />, store);
    expect(el.querySelector('.session-hint')?.textContent).toMatch(/Anti-entropy n3 ↔ n4 is running/);
    const go = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Watch it in the Merkle tab')!;
    act(() => go.click());
    expect(store.getState().tab).toBe('merkle');
  });
});

describe('MerkleView', () => {
  it('marks the differing leaf and names the key synced', () => {
    const el = render(<MerkleView />, storeAtEnd(oneKeyApart()));
    const leaves = el.querySelector('[aria-label="Differing leaves"]');
    expect(leaves?.textContent).toMatch(/Leaf \d+ of 16 in key range 2 differs — keys in it: cart/);
    expect(leaves?.textContent).toMatch(/Synced: cart → n4/);
    expect(el.querySelector('.hash-counter')?.textContent).toMatch(/^Hashes compared: 10 — a flat scan would compare 32 leaf hashes/);
    expect(el.querySelectorAll('svg[role="img"]').length).toBe(2);
  });
});
