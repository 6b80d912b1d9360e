// Which latency distribution a message is drawn from. A scenario gives one
// distribution for every message, or one per leg of the WARS model (Bailis
// et al., VLDB 2012: Write, Ack, Read, reSponse) so the engine can be checked
// against that model. Everything that is not one of those four legs — hints,
// read repairs, hint replays, Merkle exchanges and their acks — travels like
// a write: it carries data between replicas, which is what the write leg
// measures. (Which PRNG stream each draws from: network.ts.)

import type { MessageType } from './messages';
import type { Latency, LatencyDistribution, LatencyLeg, LegLatency } from './types';

export const LATENCY_LEGS: readonly LatencyLeg[] = ['write', 'ack', 'read', 'response'];

const LEG_OF: Readonly<Record<MessageType, LatencyLeg>> = {
  write: 'write',
  writeAck: 'ack',
  read: 'read',
  readResp: 'response',
  repair: 'write',
  repairAck: 'write',
  replay: 'write',
  replayAck: 'write',
  merkle: 'write',
  sync: 'write',
};

export function legOf(type: MessageType): LatencyLeg {
  return LEG_OF[type];
}

/**
 * The PRNG stream a message draws from when latency is given per leg: its
 * leg's, or `other` for the messages outside the four legs (they take the
 * write's distribution but not its stream, so a read repair never shifts a
 * later write's delay).
 */
export type LatencyStream = LatencyLeg | 'other';

export function streamOf(type: MessageType): LatencyStream {
  const leg = LEG_OF[type];
  return leg === 'write' && type !== 'write' ? 'other' : leg;
}

/** Whether a latency is given per leg (a single distribution has a `kind`). */
export function isPerLeg(latency: Latency): latency is LegLatency {
  return !('kind' in latency);
}

/** The distribution of one leg; an omitted leg takes `write`'s. */
export function legDistribution(latency: Latency, leg: LatencyLeg): LatencyDistribution {
  if (!isPerLeg(latency)) return latency;
  return latency[leg] ?? latency.write;
}
