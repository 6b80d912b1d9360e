// The only source of randomness in the simulation. xoshiro128** seeded by
// splitmix32. Each subsystem (latency, drops, duplicates…) gets its own
// stream derived from the master seed and the subsystem's name, so an extra
// draw in one subsystem never shifts the decisions of another.

import { fmix32, hash32 } from './hash';

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    return fmix32(s);
  };
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const next = splitmix32(seed);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** A stream for one subsystem: independent of how many draws others make. */
  static derive(seed: number, subsystem: string): Prng {
    return new Prng(fmix32((seed >>> 0) ^ hash32(subsystem)));
  }

  /** Next unsigned 32-bit integer (xoshiro128**). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** True with probability p. Draws nothing when p is 0 or 1 so that a zero
   *  drop rate leaves the stream (and every later decision) untouched. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
