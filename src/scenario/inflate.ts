// Decompression with a hard output cap, for data from strangers. DEFLATE can
// expand about 1000-fold, so a 200 KB link could claim 200 MB. fflate's
// one-shot inflateSync would allocate all of it before we could look; the
// streaming Inflate only inflates what it has been given, so feeding it small
// slices bounds each step's output (~1 MB per 1 KB slice) and lets us stop as
// soon as the total passes the cap.

import { Inflate } from 'fflate';

export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'corrupt' }
  | { ok: false; reason: 'too-large'; producedBytes: number };

const SLICE_BYTES = 1024;

/** Inflates raw DEFLATE `input`, giving up once the output exceeds `maxBytes`. */
export function inflateCapped(input: Uint8Array, maxBytes: number): InflateResult {
  if (input.length === 0) return { ok: false, reason: 'corrupt' };
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    produced += chunk.length;
    if (produced <= maxBytes) chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let start = 0; start < input.length && produced <= maxBytes; start += SLICE_BYTES) {
      const end = Math.min(start + SLICE_BYTES, input.length);
      inflater.push(input.subarray(start, end), end === input.length);
    }
  } catch {
    // fflate throws on a bad block or a stream cut short ("unexpected EOF").
    return { ok: false, reason: 'corrupt' };
  }
  if (produced > maxBytes) return { ok: false, reason: 'too-large', producedBytes: produced };
  if (!finished) return { ok: false, reason: 'corrupt' };
  const bytes = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes };
}
