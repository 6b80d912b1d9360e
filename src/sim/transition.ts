// Transition configs for our machines.
//
// XState copies each config into a transition object with an object spread,
// `{ ...config, actions, guard, target, source, … }`. Once V8 has feedback
// for that spread (after the first few transitions a process creates) every
// copy gets a hidden class of its own, so with our machines' 29 transitions
// XState's reads of `target`, `source`, `guard` and `actions`, several on
// every event, were megamorphic: a probe of V8's global stub cache each. A
// config with a null prototype takes V8's generic copy instead, whose
// results share one hidden class per key order (`--log-ic` and
// `%HaveSameMap` show it; docs/BENCHMARKS.md has the figures).

/** `config`, as an object without a prototype. */
export function transition<const T extends object>(config: T): T {
  const bare: object = Object.create(null) as object;
  return Object.assign(bare, config);
}
