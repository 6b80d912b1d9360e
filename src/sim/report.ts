// The document of contract 2: what the headless CLI prints and what the
// UI's `Export trace` downloads. Field names are a contract: add, never
// rename or remove.

import { Kernel } from './kernel';
import { Hash53 } from './hash';
import { addRecord, emptyMetrics, type Metrics } from './metrics';
import { addOperationRecord, type OperationRecord } from './operations';
import { hashRecord } from './traceHash';
import type { NodeId, SimScenario } from './types';
import { valuesOf } from './versions';

export interface RunReport {
  ok: true;
  traceHash: string;
  endTimeMs: number;
  events: number;
  /** False when the run was stopped by the event cap instead of ending. */
  complete: boolean;
  ring: { keys: Record<string, { preferenceList: NodeId[] }> };
  operations: OperationRecord[];
  replicas: Record<NodeId, ReplicaReport>;
  metrics: Metrics;
}

export interface ReplicaReport {
  up: boolean;
  data: Record<string, { values: string[]; tombstone: boolean }>;
  hints: { key: string; for: NodeId }[];
}

export interface Run {
  kernel: Kernel;
  complete: boolean;
}

/** Run a scenario from its seed to its end. */
export function runScenario(scenario: SimScenario, maxEvents?: number): Run {
  const kernel = new Kernel(scenario);
  const complete = kernel.runToEnd(maxEvents);
  return { kernel, complete };
}

export function namedKeys(scenario: SimScenario): string[] {
  const keys = new Set<string>();
  for (const s of scenario.steps) if ('key' in s) keys.add(s.key);
  return [...keys];
}

/**
 * An empty object for entries named by user text. Without a prototype,
 * `map['__proto__'] = x` makes an ordinary entry that JSON.stringify writes
 * out; on `{}` it would set the prototype and the entry would vanish.
 */
function byName<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function buildReport({ kernel, complete }: Run): RunReport {
  const { scenario } = kernel;
  // One pass over the log for the trace hash, the metrics and the
  // operations: each record is built once, read three times and dropped, so
  // a headless run never keeps the whole trace as objects (and builds each
  // record once rather than once per reader).
  const hash = new Hash53();
  const metrics = emptyMetrics();
  const byStep = new Map<number, OperationRecord>();
  for (const r of kernel.log) {
    hashRecord(hash, r);
    addRecord(metrics, r);
    addOperationRecord(byStep, r);
  }
  const keys: RunReport['ring']['keys'] = byName();
  for (const key of namedKeys(scenario)) keys[key] = { preferenceList: [...kernel.ring.preferenceList(key)] };
  const operations = [...byStep.values()]
    .sort((a, b) => a.step - b.step)
    .map((op) => (op.type !== 'get' && op.status === 'ok' && kernel.isLost(op.step) ? { ...op, consistency: 'lost' as const } : op));
  const replicas: RunReport['replicas'] = byName();
  for (const id of scenario.cluster.nodes) {
    const storage = kernel.storageOf(id);
    const data: ReplicaReport['data'] = byName();
    for (const key of [...storage.data.keys()].sort()) {
      const siblings = storage.data.get(key)!;
      data[key] = { values: valuesOf(siblings), tombstone: siblings.some((s) => s.value === null) };
    }
    const hints = [...storage.hints.values()].map((h) => ({ key: h.key, for: h.for }));
    replicas[id] = { up: kernel.isUp(id), data, hints };
  }
  return {
    ok: true,
    traceHash: hash.digest(),
    endTimeMs: kernel.now,
    events: kernel.events,
    complete,
    ring: { keys },
    operations,
    replicas,
    metrics,
  };
}
