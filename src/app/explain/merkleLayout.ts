// Merkle trees as the views draw them. A node's tree for a key range is
// rebuilt from its data at the cursor the way src/sim/storage.ts keeps it
// (one MerkleTree per range, a key's entry = digestOf its siblings). With
// 2^16 leaves a whole tree cannot be drawn: the layout keeps the top levels
// and, below them, only nodes on the way to a difference — compared in the
// session or differing now — and collapses every other subtree.

import { hierarchy, tree as d3tree } from 'd3-hierarchy';
import type { HeldRange, Ring } from '../../sim/ring';
import { digestOf, type Sibling } from '../../sim/versions';
import type { Comparison } from './sessionStory';
import { SparseMerkle, type MerkleShape } from './sparseMerkle';

type Entry = { key: string; keyHash: number; digest: number };

/** A node's entries grouped by the range each key falls in. */
function entriesByRange(data: ReadonlyMap<string, readonly Sibling[]>, ring: Ring): Map<number, Entry[]> {
  const out = new Map<number, Entry[]>();
  for (const [key, siblings] of data) {
    if (siblings.length === 0) continue;
    const range = ring.rangeOf(key).index;
    const entry = { key, keyHash: ring.keyHashOf(key), digest: digestOf(siblings) };
    const list = out.get(range);
    if (list) list.push(entry);
    else out.set(range, [entry]);
  }
  return out;
}

/** The tree a node holds for one range, from its data at the cursor. */
export function treeOf(data: ReadonlyMap<string, readonly Sibling[]>, ring: Ring, held: HeldRange, depth: number): SparseMerkle {
  return new SparseMerkle(held.range, depth, entriesByRange(data, ring).get(held.index) ?? []);
}

/** The trees a node holds for several ranges, grouping its data once. */
export function treesOf(data: ReadonlyMap<string, readonly Sibling[]>, ring: Ring, helds: readonly HeldRange[], depth: number): Map<number, SparseMerkle> {
  const byRange = entriesByRange(data, ring);
  return new Map(helds.map((held) => [held.index, new SparseMerkle(held.range, depth, byRange.get(held.index) ?? [])]));
}

/** Root hash per range a node holds, with how many keys each tree has. */
export function rootsOf(data: ReadonlyMap<string, readonly Sibling[]>, ring: Ring, node: string, depth: number): { held: HeldRange; root: number; keys: number }[] {
  const byRange = entriesByRange(data, ring);
  return ring.rangesHeldBy(node).map((held) => {
    const entries = byRange.get(held.index);
    if (!entries) return { held, root: 0, keys: 0 };
    const t = new SparseMerkle(held.range, depth, entries);
    return { held, root: t.root(), keys: t.size() };
  });
}

export function hashHex(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

export interface DrawnNode {
  level: number;
  index: number;
  x: number;
  y: number;
  /** Compared in the session (undefined: not compared). */
  state: Comparison | undefined;
  /** The two trees' hashes differ at the cursor. */
  differsNow: boolean;
  hashA: number;
  hashB: number;
  /** Children drawn below it. */
  expanded: boolean;
  /** Levels left out between this node and its drawn parent (0: none). */
  skippedAbove: number;
  /** Leaves below an undrawn subtree (0 for expanded nodes and leaves). */
  hiddenLeaves: number;
  /** Keys in a leaf, from either tree (leaves only). */
  keys: string[];
}

export interface ComparisonLayout {
  nodes: DrawnNode[];
  links: { from: DrawnNode; to: DrawnNode }[];
  width: number;
  height: number;
  depth: number;
}

interface Datum {
  level: number;
  index: number;
  children?: Datum[];
  skippedAbove?: number;
}

export interface LayoutOptions {
  /** Levels drawn in full (the root is level 0). */
  fullLevels?: number;
  /** At most this many subtrees opened per level; the rest stay collapsed. */
  maxOpenPerLevel?: number;
  /** Horizontal and vertical spacing in layout units. */
  dx?: number;
  dy?: number;
  /** Rows drawn at most: a deeper tree shows its top, the levels around the
   *  comparison's frontier and the leaves, and skips the levels between. */
  maxRows?: number;
}

/** The levels drawn for a tree of `depth` whose comparison has reached `frontier`. */
export function visibleLevels(depth: number, frontier: number, fullLevels: number, maxRows: number): Set<number> {
  const all = new Set(Array.from({ length: depth + 1 }, (_, i) => i));
  if (depth + 1 <= maxRows) return all;
  const shown = new Set<number>();
  for (let l = 0; l <= Math.min(fullLevels, depth); l++) shown.add(l);
  for (const l of [frontier - 1, frontier, frontier + 1, depth - 1, depth]) if (l >= 0 && l <= depth) shown.add(l);
  return shown;
}

/** Replace nodes on hidden levels by their drawn descendants. */
function contract(d: Datum, shown: Set<number>): Datum[] {
  if (shown.has(d.level)) {
    if (d.children) d.children = d.children.flatMap((c) => contract(c, shown));
    return [d];
  }
  const below = (d.children ?? []).flatMap((c) => contract(c, shown));
  for (const c of below) c.skippedAbove = (c.skippedAbove ?? 0) + 1;
  return below;
}

/**
 * Lay out two trees of the same range side by side as one shape: what is
 * drawn, and where. `stateOf` gives the session's verdict on a tree node.
 */
export function layoutComparison(a: MerkleShape, b: MerkleShape, stateOf: (level: number, index: number) => Comparison | undefined, opts: LayoutOptions = {}): ComparisonLayout {
  const depth = a.depth;
  const fullLevels = opts.fullLevels ?? (depth <= 3 ? depth : 2);
  const maxOpen = opts.maxOpenPerLevel ?? 6;
  const dx = opts.dx ?? 28;
  const dy = opts.dy ?? 40;
  const maxRows = opts.maxRows ?? 8;
  const opened = new Map<number, number>();
  const open = (level: number, index: number): boolean => {
    if (level >= depth) return false;
    if (level < fullLevels) return true;
    const [l, r] = [2 * index, 2 * index + 1];
    const wanted =
      stateOf(level, index) === 'differs' ||
      stateOf(level + 1, l) !== undefined ||
      stateOf(level + 1, r) !== undefined ||
      a.hash(level, index) !== b.hash(level, index);
    if (!wanted) return false;
    const n = opened.get(level) ?? 0;
    if (n >= maxOpen) return false;
    opened.set(level, n + 1);
    return true;
  };
  // Breadth-first, so the per-level cap keeps the leftmost subtrees.
  const root: Datum = { level: 0, index: 0 };
  let frontier = [root];
  while (frontier.length > 0) {
    const next: Datum[] = [];
    for (const d of frontier) {
      if (!open(d.level, d.index)) continue;
      d.children = [
        { level: d.level + 1, index: 2 * d.index },
        { level: d.level + 1, index: 2 * d.index + 1 },
      ];
      next.push(...d.children);
    }
    frontier = next;
  }
  let deepest = 0;
  const walk = (d: Datum) => {
    if (d.level > deepest && stateOf(d.level, d.index) !== undefined) deepest = d.level;
    d.children?.forEach(walk);
  };
  walk(root);
  const shown = visibleLevels(depth, deepest, fullLevels, maxRows);
  contract(root, shown);
  const laid = d3tree<Datum>().nodeSize([dx, dy]).separation((p, q) => (p.parent === q.parent ? 1 : 1.25))(hierarchy(root));
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  laid.each((n) => {
    minX = Math.min(minX, n.x);
    maxX = Math.max(maxX, n.x);
    maxY = Math.max(maxY, n.y);
  });
  const pad = dx / 2 + 4;
  const byDatum = new Map<Datum, DrawnNode>();
  const nodes: DrawnNode[] = [];
  laid.each((n) => {
    const { level, index } = n.data;
    const isLeaf = level === depth;
    const drawn: DrawnNode = {
      level,
      index,
      x: n.x - minX + pad,
      y: n.y + pad,
      state: stateOf(level, index),
      differsNow: a.hash(level, index) !== b.hash(level, index),
      hashA: a.hash(level, index),
      hashB: b.hash(level, index),
      expanded: n.children !== undefined,
      skippedAbove: n.data.skippedAbove ?? 0,
      hiddenLeaves: isLeaf || n.children ? 0 : 2 ** (depth - level),
      keys: isLeaf ? [...new Set([...a.leafKeys(index), ...b.leafKeys(index)])].sort() : [],
    };
    byDatum.set(n.data, drawn);
    nodes.push(drawn);
  });
  const links = laid.links().map((l) => ({ from: byDatum.get(l.source.data)!, to: byDatum.get(l.target.data)! }));
  return { nodes, links, width: maxX - minX + 2 * pad, height: maxY + 2 * pad + 14, depth };
}
