// Stable hashes. Ring positions, Merkle trees and the trace hash must be the
// same in every browser and in Node, so they are defined here bit for bit
// rather than borrowed from a platform API.
//
// hash32(s): FNV-1a over the UTF-8 bytes of s, then murmur3's fmix32
// finaliser so that similar keys ("k1", "k2") land far apart on the ring.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's 32-bit finaliser: full avalanche of a 32-bit state. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnvByte(h: number, byte: number): number {
  return Math.imul(h ^ byte, FNV_PRIME);
}

/** FNV-1a of the UTF-8 encoding of `s`, finalised with fmix32. Unsigned. */
export function hash32(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) {
      h = fnvByte(h, c);
    } else if (c < 0x800) {
      h = fnvByte(h, 0xc0 | (c >> 6));
      h = fnvByte(h, 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      h = fnvByte(h, 0xe0 | (c >> 12));
      h = fnvByte(h, 0x80 | ((c >> 6) & 0x3f));
      h = fnvByte(h, 0x80 | (c & 0x3f));
    } else {
      h = fnvByte(h, 0xf0 | (c >> 18));
      h = fnvByte(h, 0x80 | ((c >> 12) & 0x3f));
      h = fnvByte(h, 0x80 | ((c >> 6) & 0x3f));
      h = fnvByte(h, 0x80 | (c & 0x3f));
    }
  }
  return fmix32(h >>> 0);
}

/** Order-sensitive combination of two 32-bit hashes (for Merkle parents). */
export function combine32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return fmix32(h >>> 0);
}

/** The two 32-bit halves of a double, for hashing a number exactly. */
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** A streaming 53-bit hash (cyrb53 style) for the trace: two 32-bit lanes. */
export class Hash53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  /** Mix in one 32-bit word (or a UTF-16 code unit). */
  word(c: number): this {
    this.h1 = Math.imul(this.h1 ^ c, 2654435761);
    this.h2 = Math.imul(this.h2 ^ c, 1597334677);
    return this;
  }

  update(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** A string with its length first, so that fields never run together
   *  ("ab" + "c" differs from "a" + "bc"). */
  str(s: string): this {
    return this.word(s.length).update(s);
  }

  /** A number, exactly: the bits of its IEEE-754 double (the same in every
   *  JavaScript engine, unlike its decimal text in corner cases). */
  num(n: number): this {
    F64[0] = n;
    // Little- or big-endian, the halves are read in the same order everywhere.
    return this.word(U32[0]!).word(U32[1]!);
  }

  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const hi = (h2 >>> 0) & 0x1fffff;
    return hi.toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }
}
