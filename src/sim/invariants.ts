// The engine's invariants, as checks over one scenario, shared by the
// property tests (properties.test.ts) and the soak runner (src/cli/soak.ts).
// Each returns null when the invariant holds, else one line saying how it broke.

import { convergedAtMs } from './arbitraries';
import { Kernel } from './kernel';
import { buildReport, runScenario } from './report';
import type { SimScenario } from './types';
import { digestOf } from './versions';

/** Event cap per run: generated schedules need a few hundred; a schedule that
 *  leaves every message lost while hints wait to be handed off never ends. */
export const MAX_EVENTS = 5_000;

export type Invariant = 'noStaleReads' | 'converges' | 'deterministic' | 'runsCleanly';

/** (a) With W + R > N, strict quorum and no concurrent writes, no read is stale. */
export function noStaleReads(s: SimScenario): string | null {
  const r = buildReport(runScenario(s, MAX_EVENTS));
  if (r.metrics.staleReads === 0) return null;
  const stale = r.operations.filter((o) => o.consistency === 'stale').map((o) => `step ${o.step} missed ${o.missed?.join(', ')}`);
  return `${r.metrics.staleReads} stale read(s): ${stale.join('; ')}`;
}

/** (b) After the convergence tail, every range's replicas have equal Merkle
 *  roots and every home replica of every key holds the same version. Also:
 *  with hinted handoff on, every hint has been handed off; and no node holds
 *  data for a key it is not a home replica of, unless a `load` put it there. */
export function converges(s: SimScenario): string | null {
  const k = new Kernel(s);
  k.runUntil(convergedAtMs(s));
  const problems: string[] = [];
  const loaded = new Set(s.steps.flatMap((x) => (x.do === 'load' ? [`${x.node}\u0000${x.key}`] : [])));
  for (const id of s.cluster.nodes) {
    const storage = k.storageOf(id);
    if (s.cluster.hintedHandoff && storage.hints.size > 0) {
      problems.push(`${id} still holds hints for ${[...storage.hints.values()].map((h) => `${h.key}→${h.for}`).join(', ')}`);
    }
    for (const key of storage.data.keys()) {
      if (!k.ring.preferenceList(key).includes(id) && !loaded.has(`${id}\u0000${key}`)) problems.push(`${id} holds ${JSON.stringify(key)}, which it is not a replica of`);
    }
  }
  for (const range of k.ring.ranges) {
    const roots = range.replicas.map((id) => k.storageOf(id).tree(range.index)?.root() ?? 0);
    if (roots.some((x) => x !== roots[0])) problems.push(`range ${range.index}: roots ${range.replicas.map((id, i) => `${id}=${roots[i]}`).join(' ')}`);
  }
  const keys = new Set(s.steps.flatMap((x) => ('key' in x ? [x.key] : [])));
  for (const key of keys) {
    const homes = k.ring.preferenceList(key);
    const held = homes.map((id) => {
      const siblings = k.storageOf(id).get(key);
      return siblings ? digestOf(siblings) : 0;
    });
    if (held.some((x) => x !== held[0])) problems.push(`key ${JSON.stringify(key)}: replicas ${homes.join(', ')} differ`);
  }
  return problems.length === 0 ? null : problems.join('; ');
}

/** (c) The same scenario and seed give the same trace. */
export function deterministic(s: SimScenario): string | null {
  const first = buildReport(runScenario(s, MAX_EVENTS));
  const second = buildReport(runScenario(s, MAX_EVENTS));
  return first.traceHash === second.traceHash && first.events === second.events ? null : `trace hashes ${first.traceHash} and ${second.traceHash} differ`;
}

/** (d) No schedule throws, the report is JSON, and a run that ends has
 *  answered every request (ok or failed: none is left pending). */
export function runsCleanly(s: SimScenario): string | null {
  try {
    const r = buildReport(runScenario(s, MAX_EVENTS));
    JSON.stringify(r);
    const pending = r.operations.filter((o) => o.status === 'pending').map((o) => o.step);
    return r.complete && pending.length > 0 ? `the run ended with request(s) at step(s) ${pending.join(', ')} unanswered` : null;
  } catch (e) {
    return `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
}
