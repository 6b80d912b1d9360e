import { describe, expect, it } from 'vitest';
import { binomial, pMissOneWrite, pWithinK } from './kStaleness';

describe('binomial', () => {
  it('matches hand-counted values and the edges', () => {
    expect(binomial(3, 1)).toBe(3);
    expect(binomial(5, 2)).toBe(10);
    expect(binomial(10, 3)).toBe(120);
    expect(binomial(4, 0)).toBe(1);
    expect(binomial(4, 4)).toBe(1);
    expect(binomial(2, 3)).toBe(0);
    expect(binomial(0, 0)).toBe(1);
  });
});

// p_sk = 1 − (C(N−W, R) / C(N, R))^k, each case worked by hand in the comment.
describe('pWithinK: PBS k-staleness in closed form', () => {
  it('N=3, R=W=1: a read misses the write with probability 2/3', () => {
    // C(2,1)/C(3,1) = 2/3: consistent with probability 1/3 (k=1) …
    expect(pMissOneWrite(3, 1, 1)).toBeCloseTo(2 / 3, 15);
    expect(pWithinK(3, 1, 1, 1)).toBeCloseTo(1 / 3, 15);
    // … and one of the last two versions with 1 − (2/3)² = 5/9.
    expect(pWithinK(3, 1, 1, 2)).toBeCloseTo(5 / 9, 15);
    // k = 3: 1 − 8/27 = 19/27.
    expect(pWithinK(3, 1, 1, 3)).toBeCloseTo(19 / 27, 15);
  });

  it('more quorums by hand', () => {
    // N=5, R=1, W=2: C(3,1)/C(5,1) = 3/5; k=1: 2/5.
    expect(pWithinK(5, 1, 2, 1)).toBeCloseTo(2 / 5, 15);
    // N=5, R=W=2: C(3,2)/C(5,2) = 3/10; k=1: 7/10; k=2: 1 − 9/100 = 91/100.
    expect(pWithinK(5, 2, 2, 1)).toBeCloseTo(7 / 10, 15);
    expect(pWithinK(5, 2, 2, 2)).toBeCloseTo(91 / 100, 15);
    // N=10, R=3, W=2: C(8,3)/C(10,3) = 56/120 = 7/15; k=1: 8/15.
    expect(pWithinK(10, 3, 2, 1)).toBeCloseTo(8 / 15, 15);
    // The product form agrees with the binomials directly.
    expect(pMissOneWrite(10, 3, 2)).toBeCloseTo(binomial(8, 3) / binomial(10, 3), 15);
  });

  it('is exactly 1 when W + R > N, for every k', () => {
    for (const [n, r, w] of [[3, 2, 2], [3, 1, 3], [3, 3, 1], [5, 3, 3], [1, 1, 1]] as const) {
      expect(pMissOneWrite(n, r, w)).toBe(0);
      expect(pWithinK(n, r, w, 1)).toBe(1);
      expect(pWithinK(n, r, w, 7)).toBe(1);
    }
  });

  it('grows with k towards 1 when W + R ≤ N', () => {
    let last = 0;
    for (let k = 1; k <= 20; k++) {
      const p = pWithinK(4, 1, 2, k);
      expect(p).toBeGreaterThan(last);
      expect(p).toBeLessThan(1);
      last = p;
    }
  });

  it('refuses quorums outside 1..N and k < 1', () => {
    expect(() => pWithinK(3, 0, 1, 1)).toThrow(/R must be/);
    expect(() => pWithinK(3, 1, 4, 1)).toThrow(/W must be/);
    expect(() => pWithinK(3, 1, 1, 0)).toThrow(/k must be/);
    expect(() => pWithinK(3, 1, 1, 1.5)).toThrow(/k must be/);
  });
});
