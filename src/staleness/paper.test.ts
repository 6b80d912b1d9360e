// The paper's exponential experiment (Bailis et al., VLDB 2012, section 5.3,
// as issue 16 quotes it): N = 3, R = W = 1, A, R and S exponential at
// 1/ms, W at 0.1/ms; about 41 % of reads consistent at t = 0 and 99.9 %
// reached near t = 65 ms.
//
// For this setup the model has an exact answer, worked out here
// independently of the Monte Carlo. Let j be the replica that answers the
// read first and M the earliest ack among the other two replicas. The
// commit is c = min(W_j + A_j, M), and the read is consistent iff
// W_j ≤ c + t + R_j; the branch c = W_j + A_j always holds (A_j, R_j ≥ 0), so
// the condition is W_j ≤ M + R_j + t. W_j is exponential (rate a = 0.1) and
// independent of M and of R_j (j is chosen by the read legs alone), so
//
//   P(t) = 1 − e^(−a t) · E[e^(−a M)] · E[e^(−a R_j)].
//
// E[e^(−a M)]: an ack X = W + A (rates a and b) has P(X > x) =
// (b e^(−ax) − a e^(−bx)) / (b − a); M is the minimum of two, so
// E[e^(−aM)] = 1 − a ∫ e^(−ax) P(X > x)² dx
//            = 1 − a (b²/(3a) − 2ab/(2a+b) + a²/(a+2b)) / (b − a)².
// E[e^(−a R_j)]: each replica's read round trip Y = R + S (both rate b) has
// P(Y > y) = (1 + by) e^(−by); replica j answers first among three, so the
// density of (R_j = r, Y_j = y), 0 ≤ r ≤ y, is 3 b² e^(−by) ((1+by) e^(−by))²,
// and E[e^(−a R_j)] = (3b²/a) (I(3b) − I(3b + a)) with
// I(c) = ∫ e^(−cy) (1 + by)² dy = 1/c + 2b/c² + 2b²/c³.
// The 99.9 % point: P(t) = 0.999 at t = ln(1000 · E[e^(−aM)] · E[e^(−aR_j)]) / a.

import { describe, expect, it } from 'vitest';
import { createRun, runTrials, tVisibility, visibilityCurve, type WarsConfig } from './wars';

const a = 0.1; // W's rate
const b = 1; // A's, R's and S's rate

const eMinAck = 1 - (a * ((b * b) / (3 * a) - (2 * a * b) / (2 * a + b) + (a * a) / (a + 2 * b))) / (b - a) ** 2;
const I = (c: number) => 1 / c + (2 * b) / c ** 2 + (2 * b * b) / c ** 3;
const eFirstRead = ((3 * b * b) / a) * (I(3 * b) - I(3 * b + a));
const exactP = (t: number) => 1 - Math.exp(-a * t) * eMinAck * eFirstRead;
const exactT999 = Math.log(1000 * eMinAck * eFirstRead) / a;

const PAPER_P0 = 0.41;
const PAPER_T999 = 65;

const config: WarsConfig = {
  n: 3,
  r: 1,
  w: 1,
  legs: { W: { kind: 'exp', rate: a }, A: { kind: 'exp', rate: b }, R: { kind: 'exp', rate: b }, S: { kind: 'exp', rate: b } },
};

describe("the paper's exponential experiment (N=3, R=W=1; W at 0.1/ms, A, R, S at 1/ms)", () => {
  const trials = 400_000;
  const run = createRun(config, 1);
  runTrials(run, trials);

  it('the model’s exact figures are the paper’s: about 41 % at t = 0, 99.9 % near 65 ms', () => {
    // Exact: P(0) ≈ 0.4196 and t999 ≈ 63.6 ms.
    expect(Math.abs(exactP(0) - PAPER_P0)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(exactT999 - PAPER_T999)).toBeLessThanOrEqual(0.2 * PAPER_T999);
  });

  it('the Monte Carlo agrees with the exact curve within 5 standard errors at every t', () => {
    // Binomial standard error √(p(1−p)/n): ≤ 0.0008 here, so 5 SE ≤ 0.004.
    const ts = [0, 1, 2, 5, 10, 20, 40, 65, 100];
    for (const { t, pConsistent } of visibilityCurve(run, ts)) {
      const p = exactP(t);
      expect(Math.abs(pConsistent - p), `t = ${t}`).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / trials) + 1e-12);
    }
  });

  it('the Monte Carlo’s t = 0 probability is within 1 point of the paper’s 41 %, up to its own sampling error', () => {
    // The exact value, 41.96 %, lies 0.96 points from 41 %; an estimate from
    // 400,000 trials moves by ±0.08 points (1 SE), so the estimate is held to
    // the ±1 point band widened by 5 SE, and the exact value to the band itself
    // (above).
    const p0 = visibilityCurve(run, [0])[0]!.pConsistent;
    const se = Math.sqrt((p0 * (1 - p0)) / trials);
    expect(Math.abs(p0 - PAPER_P0)).toBeLessThanOrEqual(0.01 + 5 * se);
  });

  it('its 99.9 % point, from the trials, is within 20 % of the paper’s 65 ms and near the exact one', () => {
    const t999 = tVisibility(run);
    expect(Math.abs(t999 - PAPER_T999)).toBeLessThanOrEqual(0.2 * PAPER_T999);
    // Standard error of a sample quantile: √(p(1−p)/n) / f(t), with the
    // curve's slope f(t999) = a · 0.001 = 1e-4 per ms: 0.5 ms; allow 5 SE.
    const se = Math.sqrt((0.999 * 0.001) / trials) / (a * 0.001);
    expect(Math.abs(t999 - exactT999)).toBeLessThanOrEqual(5 * se);
  });
});
