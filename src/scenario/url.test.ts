import fc from 'fast-check';
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { compactScenario } from './compact';
import { DEFAULT_SCENARIO } from './defaults';
import { zeroBomb } from './testing/bomb';
import { validScenario } from './testing/arbitraries';
import { decodeScenario, encodeScenario } from './url';

/** A link to arbitrary JSON text, built the way encodeScenario does. */
function linkTo(text: string): string {
  return `#s=${encodeBase64Url(deflateSync(new TextEncoder().encode(text), { level: 9 }))}`;
}

describe('encodeScenario', () => {
  it('writes #s= and unpadded base64url of raw DEFLATE of the compact JSON', () => {
    const link = encodeScenario(DEFAULT_SCENARIO);
    expect(link).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    const bytes = decodeBase64Url(link.slice(3));
    if (bytes === undefined) throw new Error('not base64url');
    const json: unknown = JSON.parse(new TextDecoder().decode(inflateSync(bytes)));
    expect(json).toStrictEqual(compactScenario(DEFAULT_SCENARIO));
  });

  it('keeps the default scenario link short by omitting defaults', () => {
    expect(encodeScenario(DEFAULT_SCENARIO).length).toBeLessThan(200);
  });

  it('appends &at= as a whole number, clamped at 0, and leaves out a non-finite at', () => {
    expect(encodeScenario(DEFAULT_SCENARIO, { at: 12 })).toMatch(/^#s=[A-Za-z0-9_-]+&at=12$/);
    expect(encodeScenario(DEFAULT_SCENARIO, { at: 7.9 })).toMatch(/&at=7$/);
    expect(encodeScenario(DEFAULT_SCENARIO, { at: -3 })).toMatch(/&at=0$/);
    expect(encodeScenario(DEFAULT_SCENARIO, { at: NaN })).not.toContain('&at=');
    expect(encodeScenario(DEFAULT_SCENARIO, {})).not.toContain('&at=');
  });
});

describe('decodeScenario', () => {
  it('gives back an identical scenario for any valid one', () => {
    fc.assert(
      fc.property(validScenario, (scenario) => {
        expect(decodeScenario(encodeScenario(scenario))).toStrictEqual({ ok: true, scenario });
      }),
      { numRuns: 300 },
    );
  });

  it('gives back latency given per leg exactly, omitted legs still omitted', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    scenario.network.latency = { write: { kind: 'exponential', mean: 10 }, read: { kind: 'uniform', min: 0.5, max: 2 } };
    const decoded = decodeScenario(encodeScenario(scenario));
    expect(decoded).toStrictEqual({ ok: true, scenario });
    expect(decoded.ok && 'ack' in decoded.scenario.network.latency).toBe(false);
  });

  it('gives back the timeline position', () => {
    fc.assert(
      fc.property(validScenario, fc.nat(), (scenario, at) => {
        expect(decodeScenario(encodeScenario(scenario, { at }))).toStrictEqual({ ok: true, scenario, at });
      }),
      { numRuns: 200 },
    );
  });

  it('accepts a full URL, a #s= fragment or s= alone', () => {
    const fragment = encodeScenario(DEFAULT_SCENARIO, { at: 4 });
    const expected = { ok: true, scenario: DEFAULT_SCENARIO, at: 4 };
    expect(decodeScenario(`https://example.edu/course/ringside/index.html${fragment}`)).toStrictEqual(expected);
    expect(decodeScenario(fragment)).toStrictEqual(expected);
    expect(decodeScenario(fragment.slice(1))).toStrictEqual(expected);
    expect(decodeScenario(`  ${fragment}\n`)).toStrictEqual(expected);
  });

  it('finds s and at in any order and ignores other parameters', () => {
    const payload = encodeScenario(DEFAULT_SCENARIO).slice(3);
    expect(decodeScenario(`#utm=x&at=9&s=${payload}`)).toStrictEqual({ ok: true, scenario: DEFAULT_SCENARIO, at: 9 });
  });

  it('says when the text is not a scenario link', () => {
    const error = 'link: not a Ringside scenario link (no #s=)';
    expect(decodeScenario('')).toEqual({ ok: false, error });
    expect(decodeScenario('https://example.edu/ringside/')).toEqual({ ok: false, error });
    expect(decodeScenario('#at=3')).toEqual({ ok: false, error });
    expect(decodeScenario('#s=')).toEqual({ ok: false, error: 'link: empty (nothing after #s=)' });
  });

  it('refuses an oversized payload before looking at its content', () => {
    // The content is not even base64url: only a size check can produce this message.
    expect(decodeScenario(`#s=${'%'.repeat(200_001)}`)).toEqual({
      ok: false,
      error: 'link: too large (200001 characters; the limit is 200000)',
    });
  });

  it('refuses characters outside base64url, naming the first', () => {
    expect(decodeScenario('#s=abc%20def')).toEqual({
      ok: false,
      error: 'link: contains "%" (character 4 after #s=), which a scenario link never has; was it changed when copied?',
    });
  });

  it('says a cut or damaged payload is truncated or corrupted', () => {
    const link = encodeScenario(DEFAULT_SCENARIO);
    expect(decodeScenario(link.slice(0, 3 + 5))).toEqual({ ok: false, error: 'link: truncated or corrupted (not valid base64url)' });
    expect(decodeScenario(link.slice(0, 3 + 8))).toEqual({ ok: false, error: 'link: truncated or corrupted (could not decompress)' });
  });

  it('says when the payload is not UTF-8 text', () => {
    const link = `#s=${encodeBase64Url(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`;
    expect(decodeScenario(link)).toEqual({ ok: false, error: 'link: truncated or corrupted (not valid text)' });
  });

  it('refuses a decompression bomb that fits under the link size limit', () => {
    // That it stops early (without inflating all 8 MiB) is shown by
    // inflate.test.ts's bound on the bytes produced.
    const link = `#s=${encodeBase64Url(zeroBomb(8))}`;
    expect(link.length).toBeLessThan(200_000);
    expect(decodeScenario(link)).toEqual({ ok: false, error: 'link: decompresses to more than 2 MiB' });
  });

  it('reports scenario and JSON errors as the parser words them', () => {
    expect(decodeScenario(linkTo('{"version": 2}'))).toEqual({
      ok: false,
      error: 'version: unsupported scenario version 2 (this Ringside reads version 1)',
    });
    expect(decodeScenario(linkTo('{"version": 1, "steps": [{"at": 0, "do": "kill", "node": "n9"}]}'))).toEqual({
      ok: false,
      error: 'steps[0].node: unknown node "n9"',
    });
    const broken = decodeScenario(linkTo('{"version": 1,'));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^JSON: /);
  });

  it('refuses an at that is not a whole number', () => {
    const link = encodeScenario(DEFAULT_SCENARIO);
    for (const at of ['x', '-1', '1.5', '', '1e3', '9'.repeat(16)]) {
      expect(decodeScenario(`${link}&at=${at}`)).toEqual({
        ok: false,
        error: `link: "at" must be a whole number, the timeline position to open at (got ${JSON.stringify(at)})`,
      });
    }
  });

  it('carries the selected node, after the position', () => {
    const link = encodeScenario(DEFAULT_SCENARIO, { at: 4, node: 'n3' });
    expect(link).toMatch(/^#s=[A-Za-z0-9_-]+&at=4&node=n3$/);
    expect(decodeScenario(link)).toStrictEqual({ ok: true, scenario: DEFAULT_SCENARIO, at: 4, node: 'n3' });
    expect(encodeScenario(DEFAULT_SCENARIO, { node: null })).not.toContain('&node=');
  });

  it('opens a link made before the node was kept exactly as before', () => {
    const link = encodeScenario(DEFAULT_SCENARIO, { at: 4 });
    expect(decodeScenario(link)).toStrictEqual({ ok: true, scenario: DEFAULT_SCENARIO, at: 4 });
  });

  it('refuses a node the scenario does not have', () => {
    const link = encodeScenario(DEFAULT_SCENARIO);
    for (const node of ['n9', '', 'N1']) {
      expect(decodeScenario(`${link}&node=${node}`)).toEqual({
        ok: false,
        error: `link: "node" must name one of the scenario's nodes, the one to select (got ${JSON.stringify(node)})`,
      });
    }
  });

  it('accepts a link with markup in its strings and returns it verbatim', () => {
    const script = '<script>alert(1)</script>';
    const scenario = { ...DEFAULT_SCENARIO, title: script, steps: [{ at: 0, do: 'put' as const, client: script, key: script, value: script }] };
    expect(decodeScenario(encodeScenario(scenario))).toStrictEqual({ ok: true, scenario });
  });
});
