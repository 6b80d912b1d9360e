// Share links: `#s=<unpadded base64url of raw-DEFLATE-compressed JSON>`,
// optionally followed by `&at=<timeline position>` and `&node=<selected node>`
// (added later: links without it still open). The scenario lives in the
// fragment, so it never reaches a server. Decoding treats the link as hostile:
// size is checked before any work, decompression is capped, and every failure
// is returned as a sentence starting with "link: ".

import { deflateSync } from 'fflate';
import type { NodeId, SimScenario } from '../sim/types';
import { decodeBase64Url, encodeBase64Url, firstInvalidBase64UrlChar } from './base64url';
import { compactScenario } from './compact';
import { inflateCapped } from './inflate';
import { MAX_LINK_JSON_BYTES, MAX_LINK_PAYLOAD_CHARS } from './limits';
import { parseScenarioJson } from './parse';
import { quote } from './wording';

export type DecodeResult = { ok: true; scenario: SimScenario; at?: number; node?: NodeId } | { ok: false; error: string };

/**
 * The fragment (`#s=…`, plus `&at=N` when `opts.at` is given and `&node=id`
 * when `opts.node` is) that reopens `scenario`. `at` is truncated to a whole
 * number and clamped at 0; a non-finite `at` is left out.
 */
export function encodeScenario(scenario: SimScenario, opts?: { at?: number; node?: NodeId | null }): string {
  const json = JSON.stringify(compactScenario(scenario));
  const payload = encodeBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9 }));
  return `#s=${payload}${linkPosition(opts)}`;
}

/** The `&at=N&node=id` part of a link that follows its `#s=…` (empty without either). */
export function linkPosition(opts?: { at?: number; node?: NodeId | null }): string {
  const at = opts?.at;
  const atPart = at !== undefined && Number.isFinite(at) ? `&at=${Math.max(0, Math.trunc(at))}` : '';
  const node = opts?.node;
  const nodePart = node ? `&node=${encodeURIComponent(node)}` : '';
  return `${atPart}${nodePart}`;
}

/** The `k=v` parameters of a link's fragment; a full URL, "#s=…" and "s=…" all work. */
function fragmentParams(fragmentOrUrl: string): Map<string, string> {
  const text = fragmentOrUrl.trim();
  const hash = text.indexOf('#');
  const fragment = hash >= 0 ? text.slice(hash + 1) : text;
  const params = new Map<string, string>();
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq);
    // The first occurrence wins, as in URLSearchParams.get.
    if (!params.has(name)) params.set(name, part.slice(eq + 1));
  }
  return params;
}

const fail = (error: string): DecodeResult => ({ ok: false, error });

function decodeAt(raw: string | undefined): { ok: true; at?: number } | { ok: false; error: string } {
  if (raw === undefined) return { ok: true };
  const at = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(at)) {
    return { ok: false, error: `link: "at" must be a whole number, the timeline position to open at (got ${quote(raw)})` };
  }
  return { ok: true, at };
}

/** The selected node a link names: one of its scenario's nodes. */
function decodeNode(raw: string | undefined, scenario: SimScenario): { ok: true; node?: NodeId } | { ok: false; error: string } {
  if (raw === undefined) return { ok: true };
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    id = raw;
  }
  if (!scenario.cluster.nodes.includes(id)) {
    return { ok: false, error: `link: "node" must name one of the scenario's nodes, the one to select (got ${quote(id)})` };
  }
  return { ok: true, node: id };
}

function decodeJsonText(payload: string): { ok: true; text: string } | { ok: false; error: string } {
  const bad = firstInvalidBase64UrlChar(payload);
  if (bad >= 0) {
    return {
      ok: false,
      error: `link: contains ${quote(payload.charAt(bad))} (character ${bad + 1} after #s=), which a scenario link never has; was it changed when copied?`,
    };
  }
  const compressed = decodeBase64Url(payload);
  if (compressed === undefined) return { ok: false, error: 'link: truncated or corrupted (not valid base64url)' };
  const inflated = inflateCapped(compressed, MAX_LINK_JSON_BYTES);
  if (!inflated.ok) {
    return inflated.reason === 'too-large'
      ? { ok: false, error: 'link: decompresses to more than 2 MiB' }
      : { ok: false, error: 'link: truncated or corrupted (could not decompress)' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes) };
  } catch {
    return { ok: false, error: 'link: truncated or corrupted (not valid text)' };
  }
}

/** Reads a share link back into a scenario (and the timeline position it names). Never throws. */
export function decodeScenario(fragmentOrUrl: string): DecodeResult {
  try {
    if (typeof fragmentOrUrl !== 'string') return fail('link: not a Ringside scenario link (no #s=)');
    const params = fragmentParams(fragmentOrUrl);
    const payload = params.get('s');
    if (payload === undefined) return fail('link: not a Ringside scenario link (no #s=)');
    if (payload.length > MAX_LINK_PAYLOAD_CHARS) {
      return fail(`link: too large (${payload.length} characters; the limit is ${MAX_LINK_PAYLOAD_CHARS})`);
    }
    if (payload === '') return fail('link: empty (nothing after #s=)');
    const at = decodeAt(params.get('at'));
    if (!at.ok) return at;
    const json = decodeJsonText(payload);
    if (!json.ok) return json;
    const parsed = parseScenarioJson(json.text);
    if (!parsed.ok) return parsed;
    const node = decodeNode(params.get('node'), parsed.scenario);
    if (!node.ok) return node;
    return {
      ok: true,
      scenario: parsed.scenario,
      ...(at.at === undefined ? {} : { at: at.at }),
      ...(node.node === undefined ? {} : { node: node.node }),
    };
  } catch {
    // Nothing above should throw; this keeps the promise if something does.
    return fail('link: truncated or corrupted (could not be read)');
  }
}
