// Consistent hashing. Every node owns `vnodes` tokens at hash32(`${node}#${i}`)
// on the unsigned 32-bit ring. A key at position h belongs to the first token
// at or after h (wrapping); its preference list is the first `n` distinct
// nodes met walking clockwise from there. A token range (prev, token] is held
// by the same n nodes, which is what each replica builds Merkle trees over.

import { hash32 } from './hash';
import type { TokenRange } from './merkle';
import type { NodeId } from './types';

export interface Token {
  token: number;
  node: NodeId;
  vnode: number;
}

export interface HeldRange {
  index: number;
  range: TokenRange;
  /** The n nodes that replicate keys in this range, in preference order. */
  replicas: readonly NodeId[];
}

export class Ring {
  readonly tokens: Token[];
  readonly ranges: HeldRange[];
  private readonly walkCache = new Map<number, NodeId[]>();
  private readonly keyHashes = new Map<string, number>();
  /** key → index of the token that owns it, remembered likewise. */
  private readonly keyTokens = new Map<string, number>();

  constructor(
    readonly nodes: readonly NodeId[],
    readonly vnodes: number,
    readonly n: number,
  ) {
    const tokens: Token[] = [];
    for (const node of nodes) {
      for (let i = 0; i < vnodes; i++) tokens.push({ token: hash32(`${node}#${i}`), node, vnode: i });
    }
    // Ties (two tokens on the same position) are broken by node id so the
    // ring is the same whatever order the nodes were listed in.
    tokens.sort((x, y) => x.token - y.token || (x.node < y.node ? -1 : x.node > y.node ? 1 : x.vnode - y.vnode));
    this.tokens = tokens;
    this.ranges = tokens.map((t, i) => ({
      index: i,
      range: { start: tokens[(i - 1 + tokens.length) % tokens.length]!.token, end: t.token },
      replicas: this.walkFrom(i).slice(0, Math.min(n, nodes.length)),
    }));
  }

  /** hash32(key), remembered: every write and read of a key needs it. */
  keyHashOf(key: string): number {
    let h = this.keyHashes.get(key);
    if (h === undefined) {
      h = hash32(key);
      this.keyHashes.set(key, h);
    }
    return h;
  }

  /** Index of the token that owns position h: the first token ≥ h, wrapping. */
  tokenIndexFor(h: number): number {
    const t = this.tokens;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[mid]!.token < h) lo = mid + 1;
      else hi = mid;
    }
    return lo === t.length ? 0 : lo;
  }

  /** Index of the token that owns `key`. */
  private tokenOf(key: string): number {
    let i = this.keyTokens.get(key);
    if (i === undefined) {
      i = this.tokenIndexFor(this.keyHashOf(key));
      this.keyTokens.set(key, i);
    }
    return i;
  }

  /** Every node once, in clockwise order starting at token i. */
  private walkFrom(i: number): readonly NodeId[] {
    const cached = this.walkCache.get(i);
    if (cached) return cached;
    const seen = new Set<NodeId>();
    const order: NodeId[] = [];
    for (let k = 0; k < this.tokens.length && order.length < this.nodes.length; k++) {
      const node = this.tokens[(i + k) % this.tokens.length]!.node;
      if (!seen.has(node)) {
        seen.add(node);
        order.push(node);
      }
    }
    this.walkCache.set(i, order);
    return order;
  }

  /** All nodes in clockwise order from the key: the first n are its home
   *  replicas, the rest are the substitutes a sloppy quorum may use. */
  extendedList(key: string): readonly NodeId[] {
    return this.walkFrom(this.tokenOf(key));
  }

  /** The key's n home replicas. For the cluster's own n this is the
   *  range's list itself, shared and never copied (every request asks). */
  preferenceList(key: string, n = this.n): readonly NodeId[] {
    if (n === this.n) return this.rangeOf(key).replicas;
    return this.extendedList(key).slice(0, Math.min(n, this.nodes.length));
  }

  /** The range a key falls in. */
  rangeOf(key: string): HeldRange {
    return this.ranges[this.tokenOf(key)]!;
  }

  /** Ranges whose replicas include `node`. */
  rangesHeldBy(node: NodeId): HeldRange[] {
    return this.ranges.filter((r) => r.replicas.includes(node));
  }
}
