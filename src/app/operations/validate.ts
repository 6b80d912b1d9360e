// The Operations panel's input rules, as pure functions: each returns the
// step to append, or per-field messages in plain words. The bounds are the
// scenario format's own (src/scenario/limits.ts), so whatever the form
// accepts, a link can carry.

import { MAX_CLIENT_CHARS, MAX_KEY_BYTES, MAX_TIME_MS, MAX_VALUE_BYTES } from '../../scenario/limits';
import { utf8ByteLength } from '../../scenario/utf8';
import type { ClusterConfig, NodeId, Step } from '../../sim/types';
import type { DistributiveOmitAt } from '../state/actions';
import { formatCount } from '../format';

export type RequestKind = 'put' | 'get' | 'delete';

export interface RequestForm {
  kind: RequestKind;
  client: string;
  key: string;
  value: string;
  /** '' = the default coordinator (first reachable home replica). */
  coordinator: string;
  /** '' = the cluster's W or R. */
  quorum: string;
  blind: boolean;
}

export type RequestField = 'client' | 'key' | 'value' | 'coordinator' | 'quorum';

export type Checked<F extends string> = { ok: true; step: DistributiveOmitAt<Step> } | { ok: false; errors: Partial<Record<F, string>> };

/** "12 of 1024 bytes" — the size note shown under key and value. */
export function byteNote(text: string, max: number): string {
  return `${utf8ByteLength(text)} of ${max} bytes`;
}

function tooLong(text: string, max: number, what: string): string | undefined {
  const bytes = utf8ByteLength(text);
  return bytes > max ? `The ${what} is ${bytes} bytes; the limit is ${max} bytes (1 KB).` : undefined;
}

/** A whole number typed into a field, or NaN. */
function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

export function checkRequest(form: RequestForm, cluster: Pick<ClusterConfig, 'nodes' | 'n' | 'conflicts'>): Checked<RequestField> {
  const errors: Partial<Record<RequestField, string>> = {};
  if (form.client.trim() === '') errors.client = 'Name the client (for example alice).';
  else if (form.client.length > MAX_CLIENT_CHARS) errors.client = `A client name is at most ${MAX_CLIENT_CHARS} characters.`;
  if (form.key === '') errors.key = 'Type a key (for example cart).';
  else {
    const long = tooLong(form.key, MAX_KEY_BYTES, 'key');
    if (long) errors.key = long;
  }
  if (form.kind === 'put') {
    const long = tooLong(form.value, MAX_VALUE_BYTES, 'value');
    if (long) errors.value = long;
  }
  if (form.coordinator !== '' && !cluster.nodes.includes(form.coordinator)) errors.coordinator = `There is no node ${form.coordinator}.`;
  let quorum: number | undefined;
  if (form.quorum.trim() !== '') {
    const q = wholeNumber(form.quorum);
    const name = form.kind === 'get' ? 'R' : 'W';
    if (!Number.isInteger(q) || q < 1 || q > cluster.n) errors.quorum = `${name} must be a whole number from 1 to N = ${cluster.n}.`;
    else quorum = q;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const coordinator = form.coordinator === '' ? {} : { coordinator: form.coordinator };
  const client = form.client.trim();
  switch (form.kind) {
    case 'put':
      return {
        ok: true,
        step: {
          do: 'put',
          client,
          key: form.key,
          value: form.value,
          ...coordinator,
          ...(quorum !== undefined ? { w: quorum } : {}),
          ...(form.blind && cluster.conflicts === 'vector' ? { blind: true } : {}),
        },
      };
    case 'delete':
      return { ok: true, step: { do: 'delete', client, key: form.key, ...coordinator, ...(quorum !== undefined ? { w: quorum } : {}) } };
    case 'get':
      return { ok: true, step: { do: 'get', client, key: form.key, ...coordinator, ...(quorum !== undefined ? { r: quorum } : {}) } };
  }
}

/** Group A as chosen; every other node forms group B. */
export function checkPartition(groupA: readonly NodeId[], nodes: readonly NodeId[]): Checked<'groupA'> {
  const a = nodes.filter((n) => groupA.includes(n));
  const b = nodes.filter((n) => !groupA.includes(n));
  if (a.length === 0) return { ok: false, errors: { groupA: 'Tick at least one node for group A.' } };
  if (b.length === 0) return { ok: false, errors: { groupA: 'Leave at least one node out: the rest form group B.' } };
  return { ok: true, step: { do: 'partition', groups: [a, b] } };
}

/** Drop rate typed as a percentage, 0 to 100. */
export function checkDropRate(text: string): Checked<'rate'> {
  const pct = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) return { ok: false, errors: { rate: 'The drop rate is a percentage from 0 to 100.' } };
  return { ok: true, step: { do: 'drop', rate: Math.round(pct * 100) / 10000 } };
}

export function checkRepair(a: NodeId, b: NodeId, nodes: readonly NodeId[]): Checked<'nodes'> {
  if (!nodes.includes(a) || !nodes.includes(b)) return { ok: false, errors: { nodes: 'Choose two nodes of the cluster.' } };
  if (a === b) return { ok: false, errors: { nodes: `Choose two different nodes (both are ${a}).` } };
  return { ok: true, step: { do: 'repair', nodes: [a, b] } };
}

/** Clock skew typed in ms; negative runs the clock behind. */
export function checkSkew(node: NodeId, text: string): Checked<'offsetMs'> {
  const ms = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(ms)) return { ok: false, errors: { offsetMs: 'Type the skew in milliseconds, for example 60000 or -500.' } };
  if (Math.abs(ms) > MAX_TIME_MS) return { ok: false, errors: { offsetMs: `The skew is at most ±${formatCount(MAX_TIME_MS)} ms.` } };
  return { ok: true, step: { do: 'skew', node, offsetMs: ms } };
}

/** Keys the scenario's steps name, in first-use order. */
export function keysOf(steps: readonly Step[]): string[] {
  const seen = new Set<string>();
  for (const s of steps) if ('key' in s) seen.add(s.key);
  return [...seen];
}
