// Test helpers: build a fully resolved scenario from a few overrides, run it,
// and look things up in the result. (src/sim may not import src/scenario,
// so these defaults mirror contract 1's; scenario tests check the parser.)

import { buildReport, runScenario, type RunReport } from './report';
import type { ClusterConfig, NetworkConfig, SimScenario, Step } from './types';

export interface ScenarioOverrides {
  seed?: number;
  nodes?: number | string[];
  cluster?: Partial<Omit<ClusterConfig, 'nodes'>>;
  network?: Partial<NetworkConfig>;
  steps: Step[];
}

export function makeScenario(o: ScenarioOverrides): SimScenario {
  const nodes = Array.isArray(o.nodes) ? o.nodes : Array.from({ length: o.nodes ?? 5 }, (_, i) => `n${i + 1}`);
  return {
    version: 1,
    title: 'test',
    seed: o.seed ?? 1,
    cluster: {
      nodes,
      vnodes: 1,
      n: 3,
      w: 2,
      r: 2,
      sloppyQuorum: false,
      hintedHandoff: true,
      readRepair: 'async',
      conflicts: 'lww',
      antiEntropy: { intervalMs: 0, merkleDepth: 4 },
      tombstoneGraceMs: 10000,
      requestTimeoutMs: 100,
      failureDetectionMs: 50,
      ...o.cluster,
    },
    network: { latency: { kind: 'fixed', ms: 5 }, dropRate: 0, duplicateRate: 0, ...o.network },
    steps: o.steps,
  };
}

export function report(o: ScenarioOverrides): RunReport {
  return buildReport(runScenario(makeScenario(o)));
}

export function opAt(r: RunReport, step: number): RunReport['operations'][number] {
  const op = r.operations.find((o) => o.step === step);
  if (!op) throw new Error(`no operation at step ${step}`);
  return op;
}
