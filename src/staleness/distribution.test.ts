import { describe, expect, it } from 'vitest';
import { Prng } from '../sim/prng';
import { drawsPerSample, formatDistribution, meanOf, parseDistribution, samplerOf, type Distribution } from './distribution';
import { PRESETS } from './presets';

function parsed(text: string): Distribution {
  const p = parseDistribution(text);
  if (!p.ok) throw new Error(p.error);
  return p.dist;
}

function errorOf(text: string): string {
  const p = parseDistribution(text);
  if (p.ok) throw new Error(`accepted ${text}`);
  return p.error;
}

function samples(text: string, count: number, seed = 7): Float64Array {
  const draw = samplerOf(parsed(text));
  const prng = new Prng(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = draw(prng);
  return out;
}

const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
const min = (xs: Float64Array) => xs.reduce((m, x) => Math.min(m, x), Infinity);
const max = (xs: Float64Array) => xs.reduce((m, x) => Math.max(m, x), -Infinity);

describe('parseDistribution: the five forms', () => {
  it('reads each form into its parameters', () => {
    expect(parsed('exp:0.1')).toEqual({ kind: 'exp', rate: 0.1 });
    expect(parsed('fixed:5')).toEqual({ kind: 'fixed', ms: 5 });
    expect(parsed('uniform:1:3.5')).toEqual({ kind: 'uniform', min: 1, max: 3.5 });
    expect(parsed('pareto:0.235:10')).toEqual({ kind: 'pareto', xm: 0.235, alpha: 10 });
    expect(parsed('mix:0.0878:exp:1.66:pareto:0.235:10')).toEqual({ kind: 'mix', p: 0.0878, rate: 1.66, xm: 0.235, alpha: 10 });
    expect(parsed('exp:1e-3')).toEqual({ kind: 'exp', rate: 0.001 });
  });

  it('writes each back as text that reads to the same distribution', () => {
    for (const text of ['exp:0.1', 'fixed:0', 'uniform:0:2', 'pareto:1.5:3.8', 'mix:0.5:exp:2:pareto:1:3']) {
      expect(formatDistribution(parsed(text))).toBe(text);
    }
  });

  it('reads every preset of the paper', () => {
    for (const preset of PRESETS) for (const text of [preset.legs.W, preset.legs.A, preset.legs.R, preset.legs.S]) expect(parseDistribution(text).ok).toBe(true);
  });

  it('names what is wrong, quoting the text', () => {
    expect(errorOf('gauss:1')).toBe(
      'distribution "gauss:1": unknown kind "gauss"; expected exp:RATE, fixed:MS, uniform:MIN:MAX, pareto:XM:ALPHA or mix:P:exp:RATE:pareto:XM:ALPHA',
    );
    expect(errorOf('exp')).toBe('distribution "exp": expected exp:RATE');
    expect(errorOf('exp:1:2')).toBe('distribution "exp:1:2": expected exp:RATE');
    expect(errorOf('exp:fast')).toBe('distribution "exp:fast": RATE must be a number, not "fast"');
    expect(errorOf('exp:')).toBe('distribution "exp:": RATE must be a number, not ""');
    expect(errorOf('exp:0')).toBe('distribution "exp:0": RATE must be > 0 (events per ms)');
    expect(errorOf('exp:Infinity')).toMatch(/RATE must be a number/);
    expect(errorOf('exp:0x10')).toMatch(/RATE must be a number/);
    expect(errorOf('fixed:-1')).toBe('distribution "fixed:-1": MS must be ≥ 0');
    expect(errorOf('uniform:3:1')).toBe('distribution "uniform:3:1": MAX must be ≥ MIN');
    expect(errorOf('pareto:0:2')).toBe('distribution "pareto:0:2": XM must be > 0');
    expect(errorOf('pareto:1:0')).toBe('distribution "pareto:1:0": ALPHA must be > 0');
    expect(errorOf('mix:1.5:exp:1:pareto:1:2')).toMatch(/P must be between 0 and 1$/);
    // The legs of a mixture are in the paper's order: the exponential, then the Pareto.
    expect(errorOf('mix:0.5:pareto:1:2:exp:1')).toBe('distribution "mix:0.5:pareto:1:2:exp:1": expected mix:P:exp:RATE:pareto:XM:ALPHA');
    expect(errorOf('')).toMatch(/unknown kind ""/);
  });
});

// Sample means against the distributions' means: n draws, and a bound of
// 5 standard errors (σ/√n, σ from the distribution), which a correct sampler
// exceeds with probability below 1e-6 whatever the seed.
describe('samplers: draws follow their distributions', () => {
  const n = 200_000;

  it('exp:RATE has mean 1/RATE and P(X ≤ mean) = 1 − 1/e', () => {
    const xs = samples('exp:0.25', n);
    expect(meanOf(parsed('exp:0.25'))).toBe(4);
    expect(Math.abs(mean(xs) - 4)).toBeLessThan((5 * 4) / Math.sqrt(n));
    const below = xs.filter((x) => x <= 4).length / n;
    const p = 1 - Math.exp(-1);
    expect(Math.abs(below - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    expect(min(xs)).toBeGreaterThanOrEqual(0);
  });

  it('fixed:MS is always MS and draws nothing', () => {
    const xs = samples('fixed:2.5', 100);
    expect(xs.every((x) => x === 2.5)).toBe(true);
    expect(drawsPerSample(parsed('fixed:2.5'))).toBe(0);
  });

  it('uniform:MIN:MAX stays in [MIN, MAX) with mean (MIN+MAX)/2', () => {
    const xs = samples('uniform:2:6', n);
    expect(min(xs)).toBeGreaterThanOrEqual(2);
    expect(max(xs)).toBeLessThan(6);
    const sd = 4 / Math.sqrt(12);
    expect(Math.abs(mean(xs) - 4)).toBeLessThan((5 * sd) / Math.sqrt(n));
  });

  it('pareto:XM:ALPHA is ≥ XM with mean XM·ALPHA/(ALPHA−1)', () => {
    // ALPHA = 4 so the variance is finite: XM²·α / ((α−1)²(α−2)).
    const xm = 2, alpha = 4;
    const xs = samples(`pareto:${xm}:${alpha}`, n);
    expect(min(xs)).toBeGreaterThanOrEqual(xm);
    const mu = (xm * alpha) / (alpha - 1);
    expect(meanOf(parsed(`pareto:${xm}:${alpha}`))).toBeCloseTo(8 / 3, 12);
    const sd = Math.sqrt((xm * xm * alpha) / ((alpha - 1) ** 2 * (alpha - 2)));
    expect(Math.abs(mean(xs) - mu)).toBeLessThan((5 * sd) / Math.sqrt(n));
    // The tail: P(X > 2·XM) = 2^−α.
    const tail = xs.filter((x) => x > 2 * xm).length / n;
    expect(Math.abs(tail - 1 / 16)).toBeLessThan(5 * Math.sqrt((1 / 16) * (15 / 16) / n));
    expect(meanOf(parsed('pareto:1:1'))).toBe(Infinity);
  });

  it('mix:P:… takes the exponential with probability P, else the Pareto', () => {
    const text = 'mix:0.3:exp:0.5:pareto:10:5';
    const xs = samples(text, n);
    // Mean: 0.3 · 2 + 0.7 · 10·5/4.
    const mu = 0.3 * 2 + 0.7 * 12.5;
    expect(meanOf(parsed(text))).toBeCloseTo(mu, 12);
    // Below XM = 10 only the exponential can fall: P(X < 10) = 0.3 · (1 − e^−5).
    const p = 0.3 * (1 - Math.exp(-5));
    const below = xs.filter((x) => x < 10).length / n;
    expect(Math.abs(below - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    // Second moment of the mixture, for the standard error of its mean.
    const m2 = 0.3 * 2 * 4 + 0.7 * ((100 * 5) / 3);
    const sd = Math.sqrt(m2 - mu * mu);
    expect(Math.abs(mean(xs) - mu)).toBeLessThan((5 * sd) / Math.sqrt(n));
    expect(drawsPerSample(parsed(text))).toBe(2);
  });

  it('a Pareto with a tiny shape stays finite (capped), so no trial sees Infinity − Infinity', () => {
    const xs = samples('pareto:1:0.001', 20_000);
    expect(xs.every((x) => Number.isFinite(x) && x >= 1)).toBe(true);
    expect(max(xs)).toBe(Number.MAX_VALUE);
  });

  it('is deterministic: the same seed gives the same draws', () => {
    expect(samples('mix:0.5:exp:1:pareto:1:2', 1000, 3)).toEqual(samples('mix:0.5:exp:1:pareto:1:2', 1000, 3));
    expect(samples('exp:1', 10, 3)).not.toEqual(samples('exp:1', 10, 4));
  });
});
