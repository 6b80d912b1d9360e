// The monitoring plots in words: what each says at the Timeline's position,
// for a screen reader, for a student who reads rather than looks, and for
// the tests. Plain sentences; node ids, keys and pairs are user text and are
// isolated (format.ts).

import type { NodeId } from '../../sim/types';
import { formatMs, isolate } from '../format';
import type { MonitorSeries, Reading } from './series';

/** Past this many nodes, the hints sentence names only the nodes holding some. */
const LIST_ALL_NODES = 8;
/** Lagging pairs named, at most, in at most this many groups; the rest are counted. */
const LIST_PAIRS = 6;
const LIST_GROUPS = 3;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function pairName(a: NodeId, b: NodeId): string {
  return `${isolate(a)}–${isolate(b)}`;
}

export function repairsText(r: Reading): string {
  return `Read repairs by ${formatMs(r.timeMs)}: ${r.readRepairs} in all, ${r.interval.repairs} of them in the interval from ${formatMs(r.interval.fromMs)} to ${formatMs(r.interval.toMs)}.`;
}

export function hintsText(s: MonitorSeries, r: Reading): string {
  const holders = s.nodes.filter((n) => (r.hintsHeld.get(n) ?? 0) > 0);
  const shown = s.nodes.length <= LIST_ALL_NODES ? s.nodes : holders;
  const parts = shown.map((n) => `${isolate(n)} holds ${r.hintsHeld.get(n) ?? 0}`);
  const rest = s.nodes.length - shown.length;
  if (rest > 0) parts.push(holders.length === 0 ? 'no node holds any' : `the other ${plural(rest, 'node holds', 'nodes hold')} none`);
  return `Hints queued at ${formatMs(r.timeMs)}: ${parts.join(', ')} (${r.hintsQueued} in all; ${r.hintsStored} stored and ${r.hintsDelivered} delivered so far).`;
}

export function lagText(r: Reading): string {
  const at = `Anti-entropy lag at ${formatMs(r.timeMs)}: `;
  if (r.pairs === 0) return `${at}no two nodes share a key range.`;
  if (r.lagging.length === 0) return `${at}${r.pairs === 1 ? 'the one replica pair agrees' : `all ${r.pairs} replica pairs agree`}.`;
  // Pairs apart since the same moment (a node died, a write missed it) are named together.
  const groups = new Map<number, string[]>();
  for (const p of r.lagging) {
    const names = groups.get(p.sinceMs);
    if (names) names.push(pairName(p.a, p.b));
    else groups.set(p.sinceMs, [pairName(p.a, p.b)]);
  }
  const parts: string[] = [];
  let named = 0;
  for (const [since, names] of groups) {
    if (parts.length === LIST_GROUPS || (parts.length > 0 && named + names.length > LIST_PAIRS)) break;
    // The first group is always named, the pairs past LIST_PAIRS counted.
    const shown = names.length > LIST_PAIRS ? [...names.slice(0, LIST_PAIRS - 1), plural(names.length - LIST_PAIRS + 1, 'other pair', 'other pairs')] : names;
    parts.push(`${listed(shown)} last agreed ${formatMs(r.timeMs - since)} ago (at ${formatMs(since)})`);
    named += names.length;
  }
  const more = r.lagging.length - named;
  if (more > 0) parts.push(`${plural(more, 'more pair disagrees', 'more pairs disagree')}`);
  const agree = r.pairs - r.lagging.length;
  parts.push(agree === 0 ? 'no pair agrees' : `the other ${plural(agree, 'pair agrees', 'pairs agree')}`);
  return `${at}${parts.join('; ')}.`;
}

/** "a", "a and b", "a, b and c". */
function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function staleText(s: MonitorSeries, r: Reading): string {
  const at = `Stale reads by ${formatMs(r.timeMs)}: ${r.staleReads}`;
  if (r.staleReads === 0) return `${at}.`;
  const latest = s.staleMarks[r.staleReads - 1]!;
  return `${at}, the latest a read of ‘${isolate(latest.key)}’ at ${formatMs(latest.t)}.`;
}
