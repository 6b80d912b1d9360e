// The cost of a WARS trial next to the cost of its random draws alone
// (issue 16: "a trial costs ≤ 2× its random draws"). N = 3, R = W = 1 and
// the paper's exponential legs (W at 0.1/ms, A, R, S at 1/ms): a trial
// draws 4N = 12 delays. The draws-only loop takes the same 12 draws from
// the same samplers and streams per trial and only sums them (the sum is
// kept so the work cannot be optimised away). Rounds alternate the two
// loops, so both meet the same machine conditions; the best round of each
// is reported (the least disturbed by the rest of the machine).
//
// `npx tsx src/staleness/bench.ts` prints the figures as JSON; `npm run
// bench` can call `stalenessBench()`.

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Prng } from '../sim/prng';
import { samplerOf } from './distribution';
import { createRun, runTrials, type WarsConfig } from './wars';

export interface StalenessBench {
  /** WARS trials per second (N = 3). */
  trialsPerSecond: number;
  /** Trials' worth of random draws (4N delays each) per second, with nothing else done. */
  drawsOnlyPerSecond: number;
  /** A trial's time over its draws' time: drawsOnlyPerSecond / trialsPerSecond. Target ≤ 2. */
  ratio: number;
}

export const BENCH_CONFIG: WarsConfig = {
  n: 3,
  r: 1,
  w: 1,
  legs: {
    W: { kind: 'exp', rate: 0.1 },
    A: { kind: 'exp', rate: 1 },
    R: { kind: 'exp', rate: 1 },
    S: { kind: 'exp', rate: 1 },
  },
};

/** Seconds for `trials` draws-only trials: the same streams and samplers as a run, summed. */
function drawsOnly(config: WarsConfig, trials: number, seed: number): { seconds: number; sink: number } {
  const { n, legs } = config;
  const pW = Prng.derive(seed, 'staleness:W'), pA = Prng.derive(seed, 'staleness:A');
  const pR = Prng.derive(seed, 'staleness:R'), pS = Prng.derive(seed, 'staleness:S');
  const dW = samplerOf(legs.W), dA = samplerOf(legs.A), dR = samplerOf(legs.R), dS = samplerOf(legs.S);
  const start = performance.now();
  let sink = 0;
  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < n; i++) sink += dW(pW) + dA(pA) + dR(pR) + dS(pS);
  }
  return { seconds: (performance.now() - start) / 1000, sink };
}

function trialsOnly(config: WarsConfig, trials: number, seed: number): number {
  const run = createRun(config, seed);
  const start = performance.now();
  runTrials(run, trials);
  return (performance.now() - start) / 1000;
}

export function stalenessBench(options: { trials?: number; rounds?: number } = {}): StalenessBench {
  const trials = options.trials ?? 200_000;
  const rounds = options.rounds ?? 5;
  // Warm-up: both loops compiled before timing.
  trialsOnly(BENCH_CONFIG, 20_000, 99);
  drawsOnly(BENCH_CONFIG, 20_000, 99);
  let bestTrial = Infinity;
  let bestDraws = Infinity;
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    bestTrial = Math.min(bestTrial, trialsOnly(BENCH_CONFIG, trials, round + 1));
    const d = drawsOnly(BENCH_CONFIG, trials, round + 1);
    bestDraws = Math.min(bestDraws, d.seconds);
    sink += d.sink;
  }
  if (!Number.isFinite(sink)) throw new Error('draws-only loop produced a non-finite sum');
  const trialsPerSecond = trials / bestTrial;
  const drawsOnlyPerSecond = trials / bestDraws;
  return { trialsPerSecond, drawsOnlyPerSecond, ratio: drawsOnlyPerSecond / trialsPerSecond };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(stalenessBench())}\n`);
}
