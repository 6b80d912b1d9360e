// UTF-8 length without allocating an encoded copy: keys and values are limited
// in bytes (what a store would hold), and a 200,000-step scenario should not
// encode every string just to measure it.

/** Bytes of `s` in UTF-8; a lone surrogate counts 3, as TextEncoder writes U+FFFD. */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
