import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateCapped } from './inflate';
import { zeroBomb } from './testing/bomb';

const MiB = 1024 * 1024;

function randomBytes(length: number, seed: number): Uint8Array {
  // A small LCG: incompressible enough, and the same bytes every run.
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('inflateCapped', () => {
  it('restores what deflateSync compressed, across many input slices', () => {
    const data = randomBytes(50_000, 7);
    const result = inflateCapped(deflateSync(data, { level: 9 }), MiB);
    expect(result).toEqual({ ok: true, bytes: data });
  });

  it('allows output of exactly the cap and refuses one byte more', () => {
    const data = new Uint8Array(4096).fill(65);
    expect(inflateCapped(deflateSync(data), 4096).ok).toBe(true);
    expect(inflateCapped(deflateSync(data), 4095)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('calls empty, truncated and garbage input corrupt', () => {
    const compressed = deflateSync(randomBytes(5000, 3));
    expect(inflateCapped(new Uint8Array(0), MiB)).toEqual({ ok: false, reason: 'corrupt' });
    expect(inflateCapped(compressed.subarray(0, compressed.length - 10), MiB)).toEqual({ ok: false, reason: 'corrupt' });
    expect(inflateCapped(new Uint8Array([0xff, 0xff, 0xff, 0xff]), MiB)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('stops a 64 MiB bomb soon after the cap, without inflating the rest', () => {
    const bomb = zeroBomb(64);
    const result = inflateCapped(bomb, 2 * MiB);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'too-large') throw new Error('expected too-large');
    // One 1 KB input slice expands to at most ~1 MiB, so output stops within
    // about a slice of the cap: far from the bomb's 64 MiB.
    expect(result.producedBytes).toBeGreaterThan(2 * MiB);
    expect(result.producedBytes).toBeLessThan(2 * MiB + 1.2 * MiB);
  });
});
