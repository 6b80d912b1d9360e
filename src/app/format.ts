// Numbers and versions as people read them, and user text set apart from
// the sentences around it.

import type { Sibling } from '../sim/versions';

// Characters that can reorder the sentence around them: right-to-left
// letters (Hebrew, Arabic and the other RTL blocks) and the direction
// controls (U+202E, "right-to-left override", turns all that follows around).
const BIDI_SENSITIVE = /[\u0590-\u08ff\u061c\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const ISOLATE_MARKS = /[\u2066-\u2069]/;

/**
 * User text (a key, a value, a client name) for a sentence built as a plain
 * string: wrapped in U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL
 * ISOLATE, so its direction and any override in it stay inside it. (In JSX,
 * use `<bdi>` instead.) Text with no right-to-left letter and no direction
 * control cannot reorder a left-to-right sentence, so it is returned as it
 * is: the usual "cart" and "alice" stay plain to copy and to search for.
 */
export function isolate(text: string): string {
  if (!BIDI_SENSITIVE.test(text)) return text;
  return `\u2068${ISOLATE_MARKS.test(text) ? balanceIsolates(text) : text}\u2069`;
}

/**
 * A stray U+2069 in the text would end our isolate early, and an unclosed
 * isolate in it would swallow ours: drop the first kind and close the
 * second. (Embeddings and overrides need nothing: our closing U+2069 ends
 * every one opened inside.)
 */
function balanceIsolates(text: string): string {
  let depth = 0;
  let out = '';
  for (const c of text) {
    if (c === '\u2069') {
      if (depth === 0) continue;
      depth -= 1;
    } else if (c >= '\u2066' && c <= '\u2068') depth += 1;
    out += c;
  }
  return out + '\u2069'.repeat(depth);
}

/** `text` cut to `max` characters with "…"; an isolate the cut leaves open is closed. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = `${text.slice(0, max - 1)}…`;
  return ISOLATE_MARKS.test(cut) ? balanceIsolates(cut) : cut;
}

/** A value as a sentence quotes it: `"milk"`, isolated. */
export function quoted(value: string): string {
  return isolate(JSON.stringify(value));
}

/**
 * A whole number as English writes it, with thousands separators: "12,345".
 * Not `toLocaleString`: the page's first use of Intl's number formatting
 * loads its locale data, about 15 ms in Chromium, and the first frame of a
 * lesson with a thousand keys waited for it.
 */
export function formatCount(n: number): string {
  const digits = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

export function formatMs(ms: number): string {
  if (Math.abs(ms) >= 10000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
  const rounded = Math.round(ms * 10) / 10;
  return `${rounded} ms`;
}

export function formatSkew(ms: number): string {
  const sign = ms >= 0 ? '+' : '−';
  const abs = Math.abs(ms);
  return abs >= 1000 ? `${sign}${abs / 1000} s` : `${sign}${abs} ms`;
}

export function formatVersion(s: Sibling): string {
  if (!s.dot) return `ts ${formatMs(s.ts)}`;
  const past = Object.entries(s.past ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, c]) => `${n}:${c}`)
    .join(', ');
  return `dot ${s.dot.node}:${s.dot.counter}${past ? `, saw {${past}}` : ''}`;
}

export function formatValue(s: Sibling): string {
  return s.value === null ? '(tombstone)' : s.value;
}
