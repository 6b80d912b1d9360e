// The client operations of a run, as the CLI reports them: folded from the
// trace (opStart, opEnd, opClose), which already holds every fact about
// them. The kernel keeps nothing per operation beside the trace, so a long
// run pays for its operations once, in the log.

import type { Violation } from './checker';
import { whyText } from './requestText';
import type { OpType, TraceRecord } from './trace';
import type { NodeId } from './types';

export interface OperationRecord {
  step: number;
  type: OpType;
  client: string;
  key: string;
  coordinator: NodeId | null;
  status: 'ok' | 'failed' | 'pending';
  startMs: number;
  endMs: number | null;
  replicas: readonly NodeId[];
  acks: number;
  values: readonly string[];
  reason: string;
  consistency: 'fresh' | 'stale' | 'concurrent' | 'lost' | null;
  missed?: number[];
  violations?: Violation[];
}

/** Every operation that started, by step, in the order they started. An
 *  operation still open when the run stopped is `pending`. */
export function operationsOf(trace: Iterable<TraceRecord>): Map<number, OperationRecord> {
  const ops = new Map<number, OperationRecord>();
  for (const r of trace) addOperationRecord(ops, r);
  return ops;
}

/** Fold one record into `ops` (operationsOf, one record at a time). */
export function addOperationRecord(ops: Map<number, OperationRecord>, r: TraceRecord): void {
  switch (r.k) {
    case 'opStart':
      ops.set(r.op, {
        step: r.op,
        type: r.type,
        client: r.client,
        key: r.key,
        coordinator: r.coordinator,
        status: 'pending',
        startMs: r.t,
        endMs: null,
        replicas: [],
        acks: 0,
        values: [],
        reason: '',
        consistency: null,
      });
      break;
    case 'opEnd': {
      const op = ops.get(r.op);
      if (!op) break;
      op.status = r.status;
      op.endMs = r.t;
      op.values = r.values;
      op.reason = whyText(r.why);
      // Writes are "fresh" once acknowledged; the report marks lost ones.
      op.consistency = op.type === 'get' ? r.consistency : r.status === 'ok' ? 'fresh' : null;
      if (r.missed) op.missed = r.missed;
      if (r.violations) op.violations = r.violations;
      break;
    }
    case 'opClose': {
      const op = ops.get(r.op);
      if (!op) break;
      op.acks = r.acks;
      op.replicas = r.replicas;
      break;
    }
    default:
      break;
  }
}
