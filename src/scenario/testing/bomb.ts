// A decompression bomb for tests: raw DEFLATE of `mebibytes` MiB of zeros,
// built by streaming so the test never holds the expanded data itself.

import { Deflate } from 'fflate';

export function zeroBomb(mebibytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflater = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const zeros = new Uint8Array(1 << 20);
  for (let i = 0; i < mebibytes; i++) deflater.push(zeros, i === mebibytes - 1);
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
