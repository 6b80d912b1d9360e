// Numbers and versions as people read them.

import type { Sibling } from '../sim/versions';

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
