// Property tests of the engine over random schedules (src/sim/arbitraries.ts
// generates them; src/sim/invariants.ts states the invariants, which the soak
// runner checks too). Seeded: a failure prints the seed and the shrunk
// scenario, which `npm run --silent sim -- file.json` replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyScenario, convergenceScenario, quorumScenario } from './arbitraries';
import { converges, deterministic, noStaleReads, runsCleanly } from './invariants';

const RUNS = 1000;
const params = (seed: number) => ({ seed, numRuns: RUNS });
// Shrinking re-runs scenarios: give a failing property room to report.
const TIMEOUT_MS = 120_000;

describe('engine properties', () => {
  it(
    '(a) W + R > N, strict quorum, no concurrent writes, no skew, wipes or deletes: no read is stale',
    () => {
      fc.assert(
        fc.property(quorumScenario, (s) => {
          expect(noStaleReads(s)).toBeNull();
        }),
        params(0xa11ce),
      );
    },
    TIMEOUT_MS,
  );

  it(
    '(b) after any schedule, then revive, heal, no loss and a repair between every pair twice: replicas converge',
    () => {
      fc.assert(
        fc.property(convergenceScenario, (s) => {
          expect(converges(s)).toBeNull();
        }),
        params(0xb0b),
      );
    },
    TIMEOUT_MS,
  );

  it(
    '(c) the same scenario and seed give the same trace hash',
    () => {
      fc.assert(
        fc.property(anyScenario, (s) => {
          expect(deterministic(s)).toBeNull();
        }),
        params(0xc0ffee),
      );
    },
    TIMEOUT_MS,
  );

  it(
    '(d) no schedule throws, and every request is answered',
    () => {
      fc.assert(
        fc.property(anyScenario, (s) => {
          expect(runsCleanly(s)).toBeNull();
        }),
        params(0xd00d),
      );
    },
    TIMEOUT_MS,
  );
});
