// One leg's message delay in the WARS model (W: the write reaches a replica,
// A: its ack returns, R: a read reaches a replica, S: its response returns),
// in milliseconds. Written as the issue and the CLI take them:
//
//   exp:RATE                       exponential, RATE per ms (mean 1/RATE)
//   fixed:MS                       always MS
//   uniform:MIN:MAX                uniform on [MIN, MAX)
//   pareto:XM:ALPHA                Pareto with scale XM and shape ALPHA
//   mix:P:exp:RATE:pareto:XM:ALPHA with probability P the exponential, else
//                                  the Pareto (how Bailis et al. write the
//                                  production fits of their Table 3)
//
// Every delay is ≥ 0 and finite: the model's "W + R > N gives exactly 1"
// rests on it (see wars.ts), so a Pareto draw that would overflow is capped
// at Number.MAX_VALUE.

import type { Prng } from '../sim/prng';
import { quote } from '../scenario/wording';

export type Distribution =
  | { kind: 'exp'; rate: number }
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'pareto'; xm: number; alpha: number }
  | { kind: 'mix'; p: number; rate: number; xm: number; alpha: number };

export type ParsedDistribution = { ok: true; dist: Distribution } | { ok: false; error: string };

const FORMS = {
  exp: 'exp:RATE',
  fixed: 'fixed:MS',
  uniform: 'uniform:MIN:MAX',
  pareto: 'pareto:XM:ALPHA',
  mix: 'mix:P:exp:RATE:pareto:XM:ALPHA',
} as const;

export const DISTRIBUTION_FORMS = 'exp:RATE, fixed:MS, uniform:MIN:MAX, pareto:XM:ALPHA or mix:P:exp:RATE:pareto:XM:ALPHA';

/** A decimal number as a person types it ("0.1", "1e-3"); not "", " ", "0x10", "Infinity". */
function parseNumber(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function parseDistribution(text: string): ParsedDistribution {
  const bad = (why: string): ParsedDistribution => ({ ok: false, error: `distribution ${quote(text)}: ${why}` });
  const parts = text.split(':');
  const kind = parts[0]!;
  if (!Object.hasOwn(FORMS, kind)) return bad(`unknown kind ${quote(kind)}; expected ${DISTRIBUTION_FORMS}`);
  const form = FORMS[kind as Distribution['kind']];
  const formParts = form.split(':');
  if (parts.length !== formParts.length || formParts.some((f, i) => f === f.toLowerCase() && parts[i] !== f)) return bad(`expected ${form}`);
  // The upper-case parts of the form are the numbers.
  const names = formParts.filter((f) => f !== f.toLowerCase());
  const fields = parts.filter((_, i) => formParts[i] !== formParts[i]!.toLowerCase());
  const v: number[] = [];
  for (let i = 0; i < fields.length; i++) {
    const n = parseNumber(fields[i]!);
    if (n === undefined) return bad(`${names[i]} must be a number, not ${quote(fields[i])}`);
    v.push(n);
  }
  const [a = 0, b = 0, c = 0, d = 0] = v;
  switch (kind) {
    case 'exp':
      if (!(a > 0)) return bad('RATE must be > 0 (events per ms)');
      return { ok: true, dist: { kind, rate: a } };
    case 'fixed':
      if (!(a >= 0)) return bad('MS must be ≥ 0');
      return { ok: true, dist: { kind, ms: a } };
    case 'uniform':
      if (!(a >= 0)) return bad('MIN must be ≥ 0');
      if (!(b >= a)) return bad('MAX must be ≥ MIN');
      return { ok: true, dist: { kind, min: a, max: b } };
    case 'pareto':
      if (!(a > 0)) return bad('XM must be > 0');
      if (!(b > 0)) return bad('ALPHA must be > 0');
      return { ok: true, dist: { kind, xm: a, alpha: b } };
    default:
      if (!(a >= 0 && a <= 1)) return bad('P must be between 0 and 1');
      if (!(b > 0)) return bad('RATE must be > 0 (events per ms)');
      if (!(c > 0)) return bad('XM must be > 0');
      if (!(d > 0)) return bad('ALPHA must be > 0');
      return { ok: true, dist: { kind: 'mix', p: a, rate: b, xm: c, alpha: d } };
  }
}

/** The text `parseDistribution` reads back to the same distribution. */
export function formatDistribution(d: Distribution): string {
  switch (d.kind) {
    case 'exp':
      return `exp:${d.rate}`;
    case 'fixed':
      return `fixed:${d.ms}`;
    case 'uniform':
      return `uniform:${d.min}:${d.max}`;
    case 'pareto':
      return `pareto:${d.xm}:${d.alpha}`;
    case 'mix':
      return `mix:${d.p}:exp:${d.rate}:pareto:${d.xm}:${d.alpha}`;
  }
}

/** The mean delay in ms (Infinity for a Pareto with ALPHA ≤ 1). */
export function meanOf(d: Distribution): number {
  const paretoMean = (xm: number, alpha: number) => (alpha > 1 ? (xm * alpha) / (alpha - 1) : Infinity);
  switch (d.kind) {
    case 'exp':
      return 1 / d.rate;
    case 'fixed':
      return d.ms;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'pareto':
      return paretoMean(d.xm, d.alpha);
    case 'mix':
      return d.p === 1 ? 1 / d.rate : d.p / d.rate + (1 - d.p) * paretoMean(d.xm, d.alpha);
  }
}

/** How many uniform numbers one draw takes (the mixture: one to choose, one for the value). */
export function drawsPerSample(d: Distribution): number {
  return d.kind === 'fixed' ? 0 : d.kind === 'mix' ? 2 : 1;
}

export type Sampler = (prng: Prng) => number;

/**
 * A function drawing one delay from `prng`, by inversion of the CDF: one
 * uniform u in [0, 1) per draw (1 − u is in (0, 1], so the logarithm and
 * the power are finite). `fixed` draws nothing.
 */
export function samplerOf(d: Distribution): Sampler {
  switch (d.kind) {
    case 'exp': {
      const mean = 1 / d.rate;
      return (prng) => -mean * Math.log(1 - prng.float());
    }
    case 'fixed': {
      const ms = d.ms;
      return () => ms;
    }
    case 'uniform': {
      const { min } = d;
      const width = d.max - d.min;
      return (prng) => min + width * prng.float();
    }
    case 'pareto': {
      const { xm } = d;
      const power = -1 / d.alpha;
      return (prng) => Math.min(xm * Math.pow(1 - prng.float(), power), Number.MAX_VALUE);
    }
    case 'mix': {
      const { p, xm } = d;
      const mean = 1 / d.rate;
      const power = -1 / d.alpha;
      return (prng) =>
        prng.float() < p ? -mean * Math.log(1 - prng.float()) : Math.min(xm * Math.pow(1 - prng.float(), power), Number.MAX_VALUE);
    }
  }
}
