// "Compare": the same steps under two settings. Presets cover the contrasts
// the course uses; a lesson may bring its own.

import type { ClusterConfig, SimScenario } from '../../sim/types';
import type { RunReport } from '../../sim/report';
import { isolate } from '../format';

export interface CompareSpec {
  a: { label: string; cluster: Partial<ClusterConfig> };
  b: { label: string; cluster: Partial<ClusterConfig> };
  differs?: string;
}

export const COMPARE_PRESETS: CompareSpec[] = [
  { a: { label: 'Last write wins', cluster: { conflicts: 'lww' } }, b: { label: 'Version vectors', cluster: { conflicts: 'vector' } } },
  { a: { label: 'Strict quorum', cluster: { sloppyQuorum: false } }, b: { label: 'Sloppy quorum', cluster: { sloppyQuorum: true } } },
  { a: { label: 'R = 1', cluster: { r: 1 } }, b: { label: 'R = 2', cluster: { r: 2 } } },
  { a: { label: 'Short tombstone grace (100 ms)', cluster: { tombstoneGraceMs: 100 } }, b: { label: 'Long tombstone grace (1 h)', cluster: { tombstoneGraceMs: 3_600_000 } } },
];

export function variantOf(base: SimScenario, side: CompareSpec['a']): SimScenario {
  const cluster = { ...base.cluster, ...side.cluster };
  // Keep W and R within N, or the variant would be invalid.
  cluster.w = Math.min(cluster.w, cluster.n);
  cluster.r = Math.min(cluster.r, cluster.n);
  return { ...base, cluster };
}

export interface OutcomeRow {
  step: number;
  label: string;
  a: string;
  b: string;
  differs: boolean;
}

function outcome(op: RunReport['operations'][number] | undefined): string {
  if (!op) return '—';
  if (op.status === 'failed') return 'failed';
  const values = op.type === 'get' ? `[${op.values.map(isolate).join(', ')}]` : 'ok';
  return op.consistency && op.consistency !== 'fresh' ? `${values} · ${op.consistency}` : values;
}

/** Operation outcomes side by side, with the rows that differ marked. */
export function compareOutcomes(a: RunReport, b: RunReport): OutcomeRow[] {
  const steps = [...new Set([...a.operations.map((o) => o.step), ...b.operations.map((o) => o.step)])].sort((x, y) => x - y);
  return steps.map((step) => {
    const oa = a.operations.find((o) => o.step === step);
    const ob = b.operations.find((o) => o.step === step);
    const any = oa ?? ob!;
    const label = `${isolate(any.client)} ${any.type} ${isolate(any.key)}`;
    const ta = outcome(oa);
    const tb = outcome(ob);
    return { step, label, a: ta, b: tb, differs: ta !== tb };
  });
}
