// The figures of the CLI contract, folded from trace records so that the UI
// can show them as of any timeline position and the CLI at the end.

import type { TraceRecord } from './trace';

export interface Metrics {
  messagesSent: number;
  messagesDropped: number;
  readRepairs: number;
  hintsStored: number;
  hintsDelivered: number;
  antiEntropySessions: number;
  merkleHashesCompared: number;
  keysSynced: number;
  staleReads: number;
  lostWrites: number;
  resurrections: number;
  /** Not in the contract's list: entries sent in sync messages. */
  keysSent: number;
}

export const METRIC_NAMES: readonly (keyof Metrics)[] = [
  'messagesSent',
  'messagesDropped',
  'readRepairs',
  'hintsStored',
  'hintsDelivered',
  'antiEntropySessions',
  'merkleHashesCompared',
  'keysSynced',
  'staleReads',
  'lostWrites',
  'resurrections',
  'keysSent',
];

export function emptyMetrics(): Metrics {
  return {
    messagesSent: 0,
    messagesDropped: 0,
    readRepairs: 0,
    hintsStored: 0,
    hintsDelivered: 0,
    antiEntropySessions: 0,
    merkleHashesCompared: 0,
    keysSynced: 0,
    staleReads: 0,
    lostWrites: 0,
    resurrections: 0,
    keysSent: 0,
  };
}

export function addRecord(m: Metrics, r: TraceRecord): void {
  switch (r.k) {
    case 'send':
      m.messagesSent++;
      break;
    case 'drop':
      m.messagesDropped++;
      break;
    case 'hint':
      if (r.added) m.hintsStored++;
      else if (r.delivered) m.hintsDelivered++;
      break;
    case 'count':
      m[r.metric] += r.by;
      break;
    case 'verdict':
      if (r.kind === 'stale') m.staleReads++;
      else if (r.kind === 'lost') m.lostWrites++;
      else m.resurrections++;
      break;
    default:
      break;
  }
}

/** Metrics as of the end of kernel event `upToEvent` (inclusive). */
export function metricsAt(trace: Iterable<TraceRecord>, upToEvent = Infinity): Metrics {
  const m = emptyMetrics();
  for (const r of trace) {
    if (r.e > upToEvent) break;
    addRecord(m, r);
  }
  return m;
}
