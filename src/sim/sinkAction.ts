// How a machine's handler becomes an XState action: the handler works out
// its effects from the context and the event, and the action hands them to
// the kernel's sink (the `out` function every machine gets in its input).
//
// The action is an ordinary custom action, and it also carries the
// `resolve` method by which XState runs its own built-in actions (`assign`,
// `raise`…). XState 5 checks every action for `resolve` and, when it is
// there, calls it while it works out the transition, as it does for the
// bare benchmark actor's `assign`, instead of passing the action to its
// action executor. Why we take that path:
//
// - The executor builds a record per action per event and pushes it into a
//   `const actions = []` in XState's `microstep`. V8 ends up allocating
//   that array in the old generation during a long run (allocation-site
//   pretenuring), and from then on every record it holds survives the next
//   young-generation collection. That doubled the engine's garbage
//   collection time per benchmark run (about 40 ms against 18 ms) in most
//   processes; through `resolve` nothing is pushed and the runs stay in
//   the cheap mode (docs/BENCHMARKS.md has the figures).
// - `assign`, the public way onto this path, copies the context and the
//   snapshot on every event; measured, it was slower than either.
//
// What it relies on: XState's built-in action protocol, which is internal.
// `resolve(actorScope, snapshot, actionArgs, params, action, extra)` returns
// `[snapshot, params, actions]`; we return the snapshot unchanged and no
// further actions. sinkAction.test.ts checks that xstate still takes this
// path, and if a release stopped doing so the action would still work: XState
// would call the function itself, as any custom action, which does the same.
// XState's documentation asks built-in resolution to be free of side
// effects so that its pure `transition()` can call it; the engine only ever
// runs these machines in live actors, never through `transition()`.

import type { Effect, EffectSink } from './effects';

interface ActionArgs<C, E> {
  context: C;
  event: E;
}

/** A machine action from a handler: the handler's effects go to the sink. */
export function toSink<C extends { out: EffectSink }, E>(handler: (ctx: C, ev: E) => Effect[]): (args: ActionArgs<C, E>) => void {
  const run = ({ context, event }: ActionArgs<C, E>): void => {
    const effects = handler(context, event);
    if (effects.length > 0) context.out(effects);
  };
  return Object.assign(run, {
    type: 'ringside.effects',
    resolve: <S>(_scope: unknown, snapshot: S, args: ActionArgs<C, E>): [S, undefined, undefined] => {
      run(args);
      return [snapshot, undefined, undefined];
    },
  });
}
