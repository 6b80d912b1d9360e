// Hostile-input fuzzing of the two boundaries: parseScenario (files, pastes)
// and decodeScenario (links). Whatever comes in, the answer is a valid
// scenario or one line of error text, never an exception.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { compactScenario } from './compact';
import { decodeScenario, encodeScenario } from './url';
import { parseScenario, parseScenarioJson } from './parse';
import type { ParseResult } from './parse';
import { validScenario } from './testing/arbitraries';

const RUNS = { numRuns: 1000 };

/** Either a scenario the parser itself accepts again, or one non-empty line naming a field. */
function expectWellFormed(result: ParseResult | ReturnType<typeof decodeScenario>): void {
  if (result.ok) {
    expect(parseScenario(result.scenario)).toStrictEqual({ ok: true, scenario: result.scenario });
  } else {
    expect(typeof result.error).toBe('string');
    expect(result.error).toMatch(/^[^\r\n\u2028\u2029]+: [^\r\n\u2028\u2029]+$/);
  }
}

function expectLinkFailure(result: ReturnType<typeof decodeScenario>): void {
  expect(result.ok).toBe(false);
  expectWellFormed(result);
}

/** A valid scenario's compact JSON with one value, somewhere inside, replaced. */
const nearlyValidDocument = fc
  .tuple(validScenario, fc.nat(), fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, 'n9', -1, 1e10, '', 65, 2.5)))
  .map(([scenario, pick, replacement]) => {
    const doc = JSON.parse(JSON.stringify(compactScenario(scenario))) as unknown;
    const containers: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach((item, i) => (containers.push([value, i]), walk(item)));
      else if (typeof value === 'object' && value !== null) {
        for (const [field, item] of Object.entries(value)) {
          containers.push([value as Record<string, unknown>, field]);
          walk(item);
        }
      }
    };
    walk(doc);
    const target = containers[pick % Math.max(1, containers.length)];
    if (target) (target[0] as Record<string | number, unknown>)[target[1]] = replacement;
    return doc;
  });

describe('parseScenario never throws', () => {
  it('on any JavaScript value', () => {
    fc.assert(fc.property(fc.anything(), (value) => expectWellFormed(parseScenario(value))), RUNS);
  });

  it('on any JSON value, with or without version 1', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, versioned) => {
        const input = versioned && typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, version: 1 } : value;
        expectWellFormed(parseScenario(input));
      }),
      RUNS,
    );
  });

  it('on valid scenarios with one value replaced', () => {
    fc.assert(fc.property(nearlyValidDocument, (doc) => expectWellFormed(parseScenario(doc))), RUNS);
  });
});

describe('parseScenarioJson never throws', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => expectWellFormed(parseScenarioJson(text))),
      RUNS,
    );
  });

  it('on every kind of truncated scenario file', () => {
    fc.assert(
      fc.property(validScenario, fc.double({ min: 0, max: 1, noNaN: true }), (scenario, fraction) => {
        const text = JSON.stringify(scenario, null, 2);
        expectWellFormed(parseScenarioJson(text.slice(0, Math.floor(text.length * fraction))));
      }),
      RUNS,
    );
  });
});

describe('decodeScenario never throws', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => expectWellFormed(decodeScenario(text))), RUNS);
    fc.assert(fc.property(fc.string(), (text) => expectWellFormed(decodeScenario(`#s=${text}`))), RUNS);
  });

  it('on random base64url text', () => {
    const base64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/);
    fc.assert(fc.property(base64url, (payload) => expectWellFormed(decodeScenario(`#s=${payload}`))), RUNS);
  });

  it('on random bytes, base64url-encoded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => expectLinkFailure(decodeScenario(`#s=${encodeBase64Url(bytes)}`))),
      RUNS,
    );
  });

  it('on every prefix of a real link, failing whenever the payload was cut', () => {
    fc.assert(
      fc.property(validScenario, fc.nat(), fc.nat(), (scenario, at, cut) => {
        const link = encodeScenario(scenario, { at });
        const end = cut % (link.length + 1);
        const result = decodeScenario(link.slice(0, end));
        const payloadEnd = link.indexOf('&');
        if (end < payloadEnd) expectLinkFailure(result);
        else expectWellFormed(result);
      }),
      RUNS,
    );
    // And exhaustively, every prefix of one link.
    const link = encodeScenario({ ...SAMPLE_SCENARIO });
    for (let end = 0; end < link.length; end++) expectLinkFailure(decodeScenario(link.slice(0, end)));
  });

  it('on compressed payloads with one bit flipped', () => {
    fc.assert(
      fc.property(validScenario, fc.nat(), (scenario, bit) => {
        const bytes = decodeBase64Url(encodeScenario(scenario).slice(3));
        if (bytes === undefined) throw new Error('encodeScenario wrote invalid base64url');
        const index = bit % (bytes.length * 8);
        bytes[index >> 3] = (bytes[index >> 3] ?? 0) ^ (1 << (index & 7));
        expectWellFormed(decodeScenario(`#s=${encodeBase64Url(bytes)}`));
      }),
      RUNS,
    );
  });
});

// A fixed, moderately large scenario for the exhaustive prefix check.
const SAMPLE_SCENARIO = (() => {
  const result = parseScenario({
    version: 1,
    title: 'Prefix sample',
    cluster: { nodes: ['a', 'b', 'c', 'd'], n: 3, conflicts: 'vector' },
    steps: Array.from({ length: 40 }, (_, i) => ({ at: i * 7, do: 'put', client: `c${i % 3}`, key: `k${i % 5}`, value: `v${i}` })),
  });
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
})();
