// Seeking benchmark for the Timeline (issue 13): how long `at(end)` and a
// jump back take on the runs that froze the tab, and how much heap the
// timeline keeps beyond the kernel's own trace.
//
//   node --expose-gc --import tsx scripts/bench-timeline.ts [count | latency | antiEntropy]…
//
// A count runs that many gets at t = 0; `latency` and `antiEntropy` are the
// issue's two links that run to the 400,000-event cap. Without arguments it
// runs 5k, 10k, 20k and 47k gets, both links, and 400,000 gets. Figures are wall-clock on this machine; heap figures
// need --expose-gc (otherwise they are left out).

import { performance } from 'node:perf_hooks';
import { Kernel } from '../src/sim/kernel';
import { makeScenario } from '../src/sim/testkit';
import { Timeline } from '../src/sim/timeline';
import type { SimScenario, Step } from '../src/sim/types';

const gc = (globalThis as { gc?: () => void }).gc;
const MAX_EVENTS = 400_000;

function heapMb(): number | null {
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function gets(count: number): SimScenario {
  const steps: Step[] = Array.from({ length: count }, () => ({ at: 0, do: 'get', client: 'c', key: 'k' }));
  return makeScenario({ steps });
}

/** The 158-character link: every message takes 1e9 ms, so nothing ever arrives. */
function slowLatency(): SimScenario {
  return makeScenario({
    network: { latency: { kind: 'fixed', ms: 1e9 } },
    steps: [
      { at: 0, do: 'put', client: 'c', key: 'k', value: 'v' },
      { at: 10, do: 'get', client: 'c', key: 'k' },
    ],
  });
}

/** The 113-character link: anti-entropy every 1 ms until a step at 1e9 ms. */
function busyAntiEntropy(): SimScenario {
  return makeScenario({ cluster: { antiEntropy: { intervalMs: 1, merkleDepth: 4 } }, steps: [{ at: 1e9, do: 'get', client: 'c', key: 'k' }] });
}

function measure(name: string, scenario: SimScenario): void {
  let t0 = performance.now();
  const kernel = new Kernel(scenario);
  kernel.runToEnd(MAX_EVENTS);
  // The kernel builds its records on first read of `trace` (src/sim/traceLog.ts):
  // the app pays that too, but it is not the timeline's.
  const trace = kernel.trace;
  const kernelMs = performance.now() - t0;
  const before = heapMb();
  t0 = performance.now();
  const timeline = new Timeline(scenario, trace, kernel.events);
  const buildMs = performance.now() - t0;
  t0 = performance.now();
  timeline.at(kernel.events);
  const endMs = performance.now() - t0;
  const after = heapMb();
  // 200 jumps to spread targets, each far from the last (no recent snapshot helps).
  const jumps: number[] = [];
  for (let i = 0; i < 200; i++) {
    const target = Math.floor((((i * 7919) % 200) / 200) * kernel.events) + (i % 7);
    t0 = performance.now();
    timeline.at(target);
    jumps.push(performance.now() - t0);
  }
  jumps.sort((a, b) => a - b);
  t0 = performance.now();
  timeline.at(Math.floor(kernel.events / 2));
  const middleMs = performance.now() - t0;
  const retained = before === null || after === null ? 'n/a' : `${(after - before).toFixed(1)} MB`;
  console.log(
    `${name.padEnd(22)} events ${String(kernel.events).padStart(7)}  kernel + trace ${kernelMs.toFixed(0).padStart(6)} ms  ` +
      `new Timeline ${buildMs.toFixed(1).padStart(7)} ms  at(end) ${endMs.toFixed(1).padStart(8)} ms  ` +
      `middle ${middleMs.toFixed(1).padStart(6)} ms  jumps median ${jumps[100]!.toFixed(2)} p95 ${jumps[190]!.toFixed(2)} max ${jumps[199]!.toFixed(1)} ms  retained ${retained}`,
  );
}

const RUNS: Record<string, () => [string, SimScenario]> = {
  latency: () => ['latency 1e9 ms', slowLatency()],
  antiEntropy: () => ['anti-entropy 1 ms', busyAntiEntropy()],
};
const args = process.argv.slice(2);
for (const arg of args.length > 0 ? args : ['5000', '10000', '20000', '47000', 'latency', 'antiEntropy', '400000']) {
  const [name, scenario] = RUNS[arg]?.() ?? [`${arg} gets`, gets(Number(arg))];
  measure(name, scenario);
}
