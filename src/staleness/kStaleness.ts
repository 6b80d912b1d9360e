// PBS k-staleness in closed form (Bailis et al., "Probabilistically Bounded
// Staleness for Practical Partial Quorums", VLDB 2012, the section on PBS
// k-staleness): if each write reaches exactly W of the N replicas (its write
// quorum) and each read asks R replicas chosen uniformly at random, a read
// misses one given write with probability C(N−W, R) / C(N, R) (all R of its
// replicas are among the N−W the write did not reach). Write quorums being
// independent, it misses each of the last k versions with probability
// (C(N−W, R) / C(N, R))^k, so it returns one of the last k versions with
//
//   p_sk = 1 − (C(N−W, R) / C(N, R))^k.
//
// With W + R > N every read quorum meets every write quorum: p_sk = 1.

/** C(n, k), exact while it fits a double's integers (n ≤ 50 or so). */
export function binomial(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0) throw new RangeError(`binomial: n and k must be whole numbers, n ≥ 0 (got ${n}, ${k})`);
  if (k < 0 || k > n) return 0;
  const m = Math.min(k, n - k);
  let c = 1;
  // c stays C(n − m + i, i), an integer, after each step.
  for (let i = 1; i <= m; i++) c = (c * (n - m + i)) / i;
  return Math.round(c);
}

function checkQuorums(n: number, r: number, w: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`N must be a whole number ≥ 1 (got ${n})`);
  if (!Number.isInteger(r) || r < 1 || r > n) throw new RangeError(`R must be a whole number in 1..N=${n} (got ${r})`);
  if (!Number.isInteger(w) || w < 1 || w > n) throw new RangeError(`W must be a whole number in 1..N=${n} (got ${w})`);
}

/**
 * C(N−W, R) / C(N, R): the probability that a read quorum misses a write
 * quorum. Computed as the product over i < R of (N−W−i)/(N−i), so that it
 * needs no large binomials; exactly 0 when W + R > N.
 */
export function pMissOneWrite(n: number, r: number, w: number): number {
  checkQuorums(n, r, w);
  if (w + r > n) return 0;
  let p = 1;
  for (let i = 0; i < r; i++) p *= (n - w - i) / (n - i);
  return p;
}

/** p_sk: the probability that a read returns one of the last k versions. */
export function pWithinK(n: number, r: number, w: number, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1 (got ${k})`);
  return 1 - Math.pow(pMissOneWrite(n, r, w), k);
}
