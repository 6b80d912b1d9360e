// The benchmark's yardstick: a bare XState actor — one state, an `assign`
// on each event, the shape of a replica handling a put.

import { performance } from 'node:perf_hooks';
import { assign, createActor, setup } from 'xstate';

const bareMachine = setup({
  types: { context: {} as { store: Map<string, string>; count: number }, events: {} as { type: 'put'; key: string; value: string } },
}).createMachine({
  id: 'bare',
  context: { store: new Map(), count: 0 },
  on: {
    put: {
      actions: assign(({ context, event }) => {
        context.store.set(event.key, event.value);
        return { count: context.count + 1 };
      }),
    },
  },
});

/** Seconds for a fresh bare actor to take `events` puts (its start is not timed). */
export function bareSeconds(events: number): number {
  const actor = createActor(bareMachine, { id: 'bare' }).start();
  const t0 = performance.now();
  for (let e = 0; e < events; e++) actor.send({ type: 'put', key: `k${e % 500}`, value: 'v' });
  const s = (performance.now() - t0) / 1000;
  actor.stop();
  return s;
}
