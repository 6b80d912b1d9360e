import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url, firstInvalidBase64UrlChar } from './base64url';

describe('base64url', () => {
  it('matches RFC 4648 test vectors, unpadded', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64Url(new TextEncoder().encode(plain))).toBe(encoded);
      expect(decodeBase64Url(encoded)).toEqual(new TextEncoder().encode(plain));
    }
  });

  it('uses - and _ instead of + and /', () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('agrees with Node\'s base64url and round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encodeBase64Url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64Url(encoded)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses impossible lengths and foreign characters', () => {
    expect(decodeBase64Url('AAAAA')).toBeUndefined();
    expect(decodeBase64Url('AA==')).toBeUndefined();
    expect(decodeBase64Url('AA+A')).toBeUndefined();
    expect(firstInvalidBase64UrlChar('abc%def')).toBe(3);
    expect(firstInvalidBase64UrlChar('abc-_9')).toBe(-1);
    expect(firstInvalidBase64UrlChar('abcé')).toBe(3);
  });
});
