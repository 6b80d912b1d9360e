import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Chunked } from './chunked';

describe('Chunked', () => {
  it('gives back every pushed value at the index push returned, across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const list = new Chunked<{ n: number }>();
        const at: number[] = [];
        for (let i = 0; i < n; i++) at.push(list.push({ n: i }));
        expect(list.length).toBe(n);
        expect(at.every((index, i) => index === i)).toBe(true);
        for (let i = 0; i < n; i += 997) expect(list.get(i)).toEqual({ n: i });
        if (n > 0) expect(list.get(n - 1)).toEqual({ n: n - 1 });
        expect(list.get(n)).toBeUndefined();
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
