import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { antiEntropyMachine } from './antiEntropyMachine';
import { coordinatorMachine } from './coordinatorMachine';
import { replicaMachine } from './replicaMachine';
import { transition } from './transition';

interface NodeConfig {
  on?: Record<string, object>;
  states?: Record<string, NodeConfig>;
}

function transitionConfigs(config: NodeConfig, at: string): [string, object][] {
  const own = Object.entries(config.on ?? {}).map(([event, t]): [string, object] => [`${at} ${event}`, t]);
  const nested = Object.entries(config.states ?? {}).flatMap(([key, child]) => transitionConfigs(child, `${at}.${key}`));
  return [...own, ...nested];
}

describe('transition configs', () => {
  it('copies the config into an object without a prototype', () => {
    const t = transition({ target: 'down', actions: 'crash' });
    expect(Object.getPrototypeOf(t)).toBeNull();
    expect({ ...t }).toEqual({ target: 'down', actions: 'crash' });
  });

  // Every transition of the engine's machines goes through transition(), or
  // XState's per-event reads of its transition objects go megamorphic again.
  it.each([
    ['replica', replicaMachine],
    ['coordinator', coordinatorMachine],
    ['antiEntropy', antiEntropyMachine],
  ] as [string, AnyStateMachine][])('%s: every transition config has no prototype', (name, machine) => {
    const configs = transitionConfigs(machine.config as NodeConfig, name);
    expect(configs.length).toBeGreaterThan(5);
    for (const [where, config] of configs) expect([where, Object.getPrototypeOf(config)]).toEqual([where, null]);
  });
});
