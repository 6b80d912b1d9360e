// The network's rules: how long a message takes, whether it is lost at
// random, and which links are broken by partitions and one-way cuts. It
// draws from its own PRNG streams; the kernel asks it and schedules.

import { isPerLeg, legDistribution, legOf, streamOf, type LatencyStream } from './latency';
import type { MessageType } from './messages';
import { Prng } from './prng';
import type { NetworkConfig, NodeId } from './types';

export type DropReason = 'random' | 'partition' | 'cut' | 'dead';

export class Network {
  dropRate: number;
  private readonly latencyRng: Prng;
  private readonly dropRng: Prng;
  private readonly duplicateRng: Prng;
  /** node → partition group; empty when there is no partition. */
  private groups = new Map<NodeId, number>();
  private readonly cuts = new Set<string>();
  /** Per-leg latency: the streams of the legs other than write, made when first drawn from. */
  private readonly legRngs = new Map<LatencyStream, Prng>();

  constructor(
    private readonly config: NetworkConfig,
    private readonly seed: number,
  ) {
    this.dropRate = config.dropRate;
    this.latencyRng = Prng.derive(seed, 'latency');
    this.dropRng = Prng.derive(seed, 'drops');
    this.duplicateRng = Prng.derive(seed, 'duplicates');
  }

  /**
   * One message's flight time in ms, rounded to µs so traces stay readable.
   * With a single distribution every message draws from the one latency
   * stream in send order, exactly as before legs existed (no pinned trace
   * hash moved). Per leg, each leg — and the messages outside the four
   * legs — has a stream of its own, so adding reads (or repairs) to a
   * scenario never shifts the delays of its writes and acks: the staleness
   * explorer's cluster check relies on that to start a read exactly t ms
   * after a write committed (src/staleness/cluster.ts).
   */
  latency(type: MessageType): number {
    const latency = this.config.latency;
    const l = legDistribution(latency, legOf(type));
    const rng = isPerLeg(latency) ? this.legRng(streamOf(type)) : this.latencyRng;
    const ms = l.kind === 'fixed' ? l.ms : l.kind === 'uniform' ? rng.uniform(l.min, l.max) : rng.exponential(l.mean);
    return Math.round(ms * 1000) / 1000;
  }

  private legRng(stream: LatencyStream): Prng {
    if (stream === 'write') return this.latencyRng;
    let rng = this.legRngs.get(stream);
    if (rng === undefined) {
      rng = Prng.derive(this.seed, `latency.${stream}`);
      this.legRngs.set(stream, rng);
    }
    return rng;
  }

  lostAtRandom(): boolean {
    return this.dropRng.chance(this.dropRate);
  }

  duplicated(): boolean {
    return this.duplicateRng.chance(this.config.duplicateRate);
  }

  /** Nodes not named in any group are put together in one more group. */
  partition(groups: readonly (readonly NodeId[])[], all: readonly NodeId[]): void {
    this.groups = new Map();
    groups.forEach((g, i) => g.forEach((node) => this.groups.set(node, i)));
    for (const node of all) if (!this.groups.has(node)) this.groups.set(node, groups.length);
  }

  cut(from: NodeId, to: NodeId): void {
    this.cuts.add(`${from}>${to}`);
  }

  heal(): void {
    this.groups = new Map();
    this.cuts.clear();
  }

  /** Why a message from → to cannot get through right now, if it cannot. */
  blocked(from: NodeId, to: NodeId): DropReason | null {
    if (this.groups.size === 0 && this.cuts.size === 0) return null;
    if (this.groups.size > 0 && this.groups.get(from) !== this.groups.get(to)) return 'partition';
    if (this.cuts.has(`${from}>${to}`)) return 'cut';
    return null;
  }

  partitionGroups(): NodeId[][] {
    const out: NodeId[][] = [];
    for (const [node, g] of this.groups) (out[g] ??= []).push(node);
    return out.filter((g) => g.length > 0);
  }

  cutLinks(): { from: NodeId; to: NodeId }[] {
    return [...this.cuts].map((c) => {
      const [from, to] = c.split('>') as [NodeId, NodeId];
      return { from, to };
    });
  }
}
