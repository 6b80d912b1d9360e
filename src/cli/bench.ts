// `npm run bench`: the engine's figures. Prints a table for people and, with
// --json, one JSON document. Record results in docs/BENCHMARKS.md.
//
// (a) simulation events per second on a 16-node, 10,000-operation run with
//     faults, (b) a bare XState actor (one state, an assign per event — the
//     shape of a replica handling a put) receiving as many events in the
//     same process, and their ratio (target ≥ 0.5);
// (c) Merkle repair of two replicas holding 65,536 keys that differ in one.

import { performance } from 'node:perf_hooks';
import { Kernel } from '../sim/kernel';
import { metricsAt } from '../sim/metrics';
import { bareSeconds } from './bareActor';
import { faultyWorkload, merkleRepairScenario } from './workload';

/** Best-of-`rounds` rates for the engine and the bare actor, interleaved
 *  round by round so both meet the same machine conditions. */
function rates(rounds: number): { engine: { events: number; seconds: number; rate: number }; bare: { seconds: number; rate: number } } {
  const scenario = faultyWorkload(16, 10_000);
  let engineBest = Infinity;
  let bareBest = Infinity;
  let events = 0;
  for (let i = 0; i < rounds; i++) {
    const kernel = new Kernel(scenario);
    const t0 = performance.now();
    kernel.runToEnd();
    engineBest = Math.min(engineBest, (performance.now() - t0) / 1000);
    events = kernel.events;
    bareBest = Math.min(bareBest, bareSeconds(events));
  }
  return { engine: { events, seconds: engineBest, rate: events / engineBest }, bare: { seconds: bareBest, rate: events / bareBest } };
}

function merkleRows(keys: number): { depth: number; hashesCompared: number; keysSent: number; keysSynced: number; fullScanCompared: number; fullScanSent: number }[] {
  return [4, 8, 12, 16].map((depth) => {
    const kernel = new Kernel(merkleRepairScenario(keys, depth));
    kernel.runToEnd();
    const m = metricsAt(kernel.log);
    return { depth, hashesCompared: m.merkleHashesCompared, keysSent: m.keysSent, keysSynced: m.keysSynced, fullScanCompared: keys, fullScanSent: keys };
  });
}

function main(): void {
  const json = process.argv.includes('--json');
  const { engine, bare } = rates(7);
  const ratio = engine.rate / bare.rate;
  const merkle = merkleRows(65_536);
  const result = {
    node: process.version,
    engine: { ...engine, scenario: '16 nodes, 10,000 operations, kills/partitions/drops' },
    bareActor: bare,
    ratio,
    merkle,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`Node ${process.version}`);
  console.log(`(a) engine:      ${fmt(engine.events)} events in ${engine.seconds.toFixed(3)} s = ${fmt(engine.rate)} events/s`);
  console.log(`(b) bare actor:  ${fmt(engine.events)} events in ${bare.seconds.toFixed(3)} s = ${fmt(bare.rate)} events/s`);
  console.log(`    ratio engine / bare actor = ${ratio.toFixed(2)} (target ≥ 0.5)`);
  console.log(`(c) Merkle repair, 2 replicas × 65,536 keys, 1 differing:`);
  console.log('    depth  hashes compared  keys sent  keys synced  | full scan: compared  sent');
  for (const r of merkle) {
    console.log(`    ${String(r.depth).padStart(5)}  ${fmt(r.hashesCompared).padStart(15)}  ${fmt(r.keysSent).padStart(9)}  ${fmt(r.keysSynced).padStart(11)}  | ${fmt(r.fullScanCompared).padStart(19)}  ${fmt(r.fullScanSent)}`);
  }
}

main();
