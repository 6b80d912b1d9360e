import { describe, expect, it } from 'vitest';
import { createActor, setup, type InspectionEvent } from 'xstate';
import type { Effect, EffectSink } from './effects';
import { toSink } from './sinkAction';
import { transition } from './transition';

interface Ctx {
  out: EffectSink;
  seen: string[];
}
type Ev = { type: 'ping'; n: number } | { type: 'quiet' };

const ping = (n: number): Effect => ({ kind: 'count', metric: 'keysSent', by: n });

/** Notes the event; a ping has one effect, anything else none. */
const handler = (ctx: Ctx, ev: Ev): Effect[] => {
  ctx.seen.push(ev.type);
  return ev.type === 'ping' ? [ping(ev.n)] : [];
};

/** A one-state machine whose two transitions run the handler through toSink. */
const machine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as { out: EffectSink } },
  actions: { handle: toSink(handler), plain: () => {} },
}).createMachine({
  id: 'sink',
  context: ({ input }) => ({ out: input.out, seen: [] }),
  on: {
    ping: transition({ actions: 'handle' }),
    quiet: transition({ actions: ['handle', 'plain'] }),
  },
});

function run(events: Ev[]) {
  const sunk: Effect[][] = [];
  const inspected: InspectionEvent[] = [];
  const actor = createActor(machine, { input: { out: (fx) => sunk.push(fx) }, inspect: (e) => inspected.push(e) }).start();
  for (const ev of events) actor.send(ev);
  return { sunk, inspected, seen: actor.getSnapshot().context.seen };
}

describe('toSink', () => {
  it('runs the handler once per event, with the actor’s context, and sinks its effects', () => {
    const { sunk, seen } = run([{ type: 'ping', n: 1 }, { type: 'quiet' }, { type: 'ping', n: 2 }]);
    expect(seen).toEqual(['ping', 'quiet', 'ping']);
    // An empty list of effects is not handed to the sink.
    expect(sunk).toEqual([[ping(1)], [ping(2)]]);
  });

  // The reason for the module: XState resolves the action itself instead of
  // queueing it for its action executor. The executor reports each action it
  // runs to the inspector; the plain action beside ours shows that it would.
  it('is resolved by XState, not run through its action executor', () => {
    const { inspected } = run([{ type: 'ping', n: 1 }, { type: 'quiet' }]);
    const executed = inspected.flatMap((e) => (e.type === '@xstate.action' ? [e.action.type] : []));
    expect(executed).toEqual(['plain']);
  });

  it('does the same work when XState calls it as a plain custom action', () => {
    const sunk: Effect[][] = [];
    const ctx: Ctx = { out: (fx) => sunk.push(fx), seen: [] };
    toSink(handler)({ context: ctx, event: { type: 'ping', n: 7 } });
    expect(ctx.seen).toEqual(['ping']);
    expect(sunk).toEqual([[ping(7)]]);
  });
});
