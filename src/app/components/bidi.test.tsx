// @vitest-environment happy-dom
// Issue 13: user text with a right-to-left override ("\u202Etxt.exe") must
// not reverse the app's own sentences around it. Each view is rendered with
// such keys, values and client names, and every text and label outside a
// <bdi> must keep its overrides inside an isolate.

import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { SimScenario } from '../../sim/types';
import { oneKeyApart, staleRead } from '../explain/fixtures';
import { runOf } from '../state/run';
import { createAppStore, type AppStore } from '../state/store';
import { leakedOverrides } from '../testing/bidi';
import { render } from '../testing/render';
import { MerkleView } from './MerkleView';
import { NodeInspector } from './NodeInspector';
import { RequestView } from './RequestView';
import { Story } from './Story';

const RLO = '\u202E';
const KEY = `${RLO}txt.exe`;

/** The scenario with every key, value and client name given an override. */
function hostile(scenario: SimScenario): SimScenario {
  for (const s of scenario.steps) {
    if ('key' in s) s.key = s.key === 'cart' ? KEY : `${RLO}${s.key}`;
    if ('value' in s) s.value = `${RLO}${s.value}`;
    if ('client' in s) s.client = `${RLO}${s.client}`;
  }
  return scenario;
}

function storeAtEnd(scenario: SimScenario, patch: Partial<ReturnType<AppStore['getState']>> = {}): AppStore {
  const store = createAppStore(scenario, runOf(scenario).events);
  store.setState(patch);
  return store;
}

describe('user text is isolated where a sentence embeds it', () => {
  it('Request view: the outcome sentence, the title and the operation list', () => {
    const el = render(<RequestView />, storeAtEnd(hostile(staleRead())));
    expect(el.querySelector('.outcome')?.textContent).toBe(`R = 1 read n1, which missed \u2068${RLO}alice\u2069's put of \u2068"${RLO}eggs"\u2069: stale`);
    expect([...el.querySelectorAll('.op-what bdi')].map((b) => b.textContent)).toEqual([KEY]);
    expect(el.querySelector('.request-meta bdi')?.textContent).toBe(`${RLO}bob`);
    expect(el.querySelector('.op-list')?.querySelectorAll('bdi').length).toBeGreaterThan(0);
    expect(leakedOverrides(el)).toEqual([]);
  });

  it('Node view: the stored keys and values', () => {
    const scenario = hostile(staleRead());
    const coordinator = runOf(scenario).kernel.ring.preferenceList(KEY)[0]!;
    const el = render(<NodeInspector />, storeAtEnd(scenario, { selectedNode: coordinator, tab: 'node' }));
    expect([...el.querySelectorAll('td bdi')].map((b) => b.textContent)).toContain(KEY);
    expect(leakedOverrides(el)).toEqual([]);
  });

  it('Merkle view: the keys of a differing leaf and the keys synced', () => {
    const el = render(<MerkleView />, storeAtEnd(hostile(oneKeyApart())));
    const leaves = el.querySelector('[aria-label="Differing leaves"]')!;
    expect([...leaves.querySelectorAll('bdi')].map((b) => b.textContent)).toContain(KEY);
    expect(leakedOverrides(el)).toEqual([]);
  });

  it('Story: the event log and the space-time diagram', async () => {
    const el = render(<Story />, storeAtEnd(hostile(staleRead())));
    await act(async () => {
      await import('./StoryBody');
    });
    expect(el.textContent).toContain(KEY);
    expect(leakedOverrides(el)).toEqual([]);
  });
});
