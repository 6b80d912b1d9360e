// An append-only list of references, kept in chunks of 4,096.
//
// The trace keeps a few hundred thousand references (keys, sibling lists,
// records). In one JS array they end up in V8's large-object space, where
// every young value stored takes the write barrier's slow path and every
// growth copies the whole list: that cost the benchmark run about 2 % of
// its instructions. Chunks stay ordinary small arrays.

const BITS = 12;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

export class Chunked<T> {
  private readonly chunks: T[][] = [];
  length = 0;

  /** Append; returns the value's index. */
  push(value: T): number {
    const i = this.length++;
    if ((i & MASK) === 0) this.chunks.push([value]);
    else this.chunks[i >> BITS]!.push(value);
    return i;
  }

  get(i: number): T | undefined {
    return this.chunks[i >> BITS]?.[i & MASK];
  }
}
