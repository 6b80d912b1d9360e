// Unpadded base64url (RFC 4648 §5), by hand: Buffer is Node-only, and btoa/atob
// work on "binary strings", which would cost a copy each way for a 200 KB link.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const remaining = bytes.length - i;
    chunk += ALPHABET[(triple >> 18) & 63];
    chunk += ALPHABET[(triple >> 12) & 63];
    if (remaining > 1) chunk += ALPHABET[(triple >> 6) & 63];
    if (remaining > 2) chunk += ALPHABET[triple & 63];
    // Flush now and then so long inputs do not build one huge rope string.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Index of the first character outside the base64url alphabet, or -1. */
export function firstInvalidBase64UrlChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || (VALUES[code] ?? -1) < 0) return i;
  }
  return -1;
}

/** Bytes of an unpadded base64url text, or undefined if it cannot be one. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  // A length of 4k + 1 leaves 6 bits: no whole byte, so the text was cut.
  if (text.length % 4 === 1 || firstInvalidBase64UrlChar(text) >= 0) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const v0 = VALUES[text.charCodeAt(i)] ?? 0;
    const v1 = VALUES[text.charCodeAt(i + 1)] ?? 0;
    const v2 = i + 2 < text.length ? (VALUES[text.charCodeAt(i + 2)] ?? 0) : 0;
    const v3 = i + 3 < text.length ? (VALUES[text.charCodeAt(i + 3)] ?? 0) : 0;
    const quad = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
    out[o++] = (quad >> 16) & 255;
    if (i + 2 < text.length) out[o++] = (quad >> 8) & 255;
    if (i + 3 < text.length) out[o++] = quad & 255;
  }
  return out;
}
