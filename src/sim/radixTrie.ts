// The radix tries of a PersistentMap: `order` maps insertion sequence
// numbers to key/value pairs (like a persistent vector), `ints` maps small
// whole-number keys to their sequence number. A trie addresses positions
// below WIDTH ** levels, 5 bits a level from the top, so walking it left to
// right visits positions in rising order. Inner nodes hold WIDTH children,
// bottom nodes WIDTH pairs; a node emptied by deletes is dropped.

import type { Edit, Footprint, MapKey } from './persistentMap';

const BITS = 5;
export const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/** `live` counts the children or pairs present. */
export class Slots {
  constructor(
    public live: number,
    public slots: unknown[],
    readonly edit: Edit | null,
  ) {}
}

function writableSlots(node: Slots | undefined, level: number, edit: Edit | null): Slots {
  if (!node) return new Slots(0, new Array<unknown>(level === 0 ? 2 * WIDTH : WIDTH), edit);
  return edit !== null && node.edit === edit ? node : new Slots(node.live, node.slots.slice(), edit);
}

export function radixGet(node: Slots, level: number, seq: number): unknown {
  for (; level > 0; level--) node = node.slots[(seq >>> (level * BITS)) & MASK] as Slots;
  return node.slots[2 * (seq & MASK) + 1];
}

/** Like `radixGet`, for a position that may be absent. */
export function radixFind(node: Slots | undefined, level: number, pos: number): unknown {
  for (; node && level > 0; level--) node = node.slots[(pos >>> (level * BITS)) & MASK] as Slots | undefined;
  return node?.slots[2 * (pos & MASK) + 1];
}

/** A radix trie with enough levels to address `pos`: each level added makes the old root the first child of the new one. */
export function reach(node: Slots | undefined, levels: number, pos: number, edit: Edit | null): [Slots | undefined, number] {
  for (; pos >= WIDTH ** levels; levels++) if (node) node = new Slots(1, [node, ...new Array<unknown>(WIDTH - 1)], edit);
  return [node, levels];
}

export function radixSet(node: Slots | undefined, level: number, seq: number, key: MapKey, value: unknown, edit: Edit | null): Slots {
  if (level === 0) {
    const i = 2 * (seq & MASK);
    const n = writableSlots(node, 0, edit);
    if (n.slots[i] === undefined) n.live++;
    n.slots[i] = key;
    n.slots[i + 1] = value;
    return n;
  }
  const i = (seq >>> (level * BITS)) & MASK;
  const child = node?.slots[i] as Slots | undefined;
  const next = radixSet(child, level - 1, seq, key, value, edit);
  if (next === child) return node!;
  const n = writableSlots(node, level, edit);
  if (!child) n.live++;
  n.slots[i] = next;
  return n;
}

/** Removes a present position; an emptied node is dropped. */
export function radixDelete(node: Slots, level: number, seq: number, edit: Edit | null): Slots | undefined {
  if (level === 0) {
    if (node.live === 1) return undefined;
    const i = 2 * (seq & MASK);
    const n = writableSlots(node, 0, edit);
    n.slots[i] = undefined;
    n.slots[i + 1] = undefined;
    n.live--;
    return n;
  }
  const i = (seq >>> (level * BITS)) & MASK;
  const before = node.slots[i] as Slots;
  const child = radixDelete(before, level - 1, seq, edit);
  if (child === before) return node;
  if (!child && node.live === 1) return undefined;
  const n = writableSlots(node, level, edit);
  n.slots[i] = child;
  if (!child) n.live--;
  return n;
}

export const KEYS = 0;
export const VALUES = 1;
export const ENTRIES = 2;

/** Walks a trie left to right with an explicit stack (no recursive generators), yielding keys, values or entries. */
export function* walk<K, V, R>(root: Slots | undefined, levels: number, what: typeof KEYS | typeof VALUES | typeof ENTRIES): Generator<R, undefined, unknown> {
  if (!root) return undefined;
  const stack: Slots[] = [root];
  const from: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top]!;
    if (top === levels - 1) {
      stack.pop();
      from.pop();
      const s = node.slots;
      for (let i = 0; i < s.length; i += 2) {
        if (s[i] === undefined) continue;
        yield (what === KEYS ? s[i] : what === VALUES ? s[i + 1] : [s[i] as K, s[i + 1] as V]) as R;
      }
      continue;
    }
    let i = from[top]!;
    while (i < WIDTH && node.slots[i] === undefined) i++;
    if (i === WIDTH) {
      stack.pop();
      from.pop();
      continue;
    }
    from[top] = i + 1;
    stack.push(node.slots[i] as Slots);
    from.push(0);
  }
  return undefined;
}

export function countSlots(node: Slots, level: number, seen: Set<object>, into: Footprint): void {
  if (seen.has(node)) return;
  seen.add(node);
  into.nodes++;
  into.slots += node.slots.length;
  if (level > 0) for (const child of node.slots) if (child) countSlots(child as Slots, level - 1, seen, into);
}
