// The kernel's event queue: a binary heap ordered by (virtual time, sequence
// number), so events at the same instant run in the order they were made.

export interface Queued {
  t: number;
  seq: number;
}

export class EventQueue<T extends Queued> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const h = this.heap;
    // Sift up by moving parents down into the hole, then drop the item in:
    // no swap temporaries, which matter at one push per message.
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(item, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = item;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  pop(): T | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    const n = h.length;
    if (n > 0 && last !== undefined) {
      // Sift the last item down from the root, moving the smaller child up.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && before(h[r]!, h[l]!) ? r : l;
        const child = h[m]!;
        if (!before(child, last)) break;
        h[i] = child;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }

  /** Every queued item, in no particular order (for inspection). */
  items(): readonly T[] {
    return this.heap;
  }
}

function before(a: Queued, b: Queued): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
