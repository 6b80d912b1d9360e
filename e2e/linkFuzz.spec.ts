// In-browser fuzz of share links: ~300 random, truncated and bit-flipped
// fragments, made deterministically (a seeded LCG) from real links, set as
// the address bar's fragment of one open page. For each one the page must
// either announce the problem (role="alert", with the decoder's own words)
// or load the scenario (the Timeline's maximum is the run's events, at the
// position the link names) — and never throw.
//
// The expected outcome of each fragment is what decodeScenario says in Node
// about the fragment exactly as the browser holds it (location.hash, which
// percent-encodes some characters).

import { expect, test, type Page } from '@playwright/test';
import { deflateSync } from 'fflate';
import { DEFAULT_SCENARIO, decodeScenario, encodeScenario } from '../src/scenario';
import { compactScenario } from '../src/scenario/compact';
import { LESSONS } from '../src/scenario/lessons';
import { RICH_JSON, nodeButtons, openDefault, parsed } from './helpers';
import { collectPageErrors, runFacts } from './lessonHelpers';

/** Numerical Recipes' LCG: deterministic, good enough to pick mutations. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const JUNK = `${B64URL}!"#$%&'()*+,./:;<=>?@[\\]^\`{|}~ é€😀\u0000\t`;

function makeFragments(count: number, seed: number): string[] {
  const rnd = lcg(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const scenarios = [DEFAULT_SCENARIO, parsed(RICH_JSON), LESSONS[0]!.scenario, LESSONS[2]!.scenario, LESSONS[7]!.scenario];
  const bases = scenarios.flatMap((s) => [encodeScenario(s), encodeScenario(s, { at: 3 })]);
  const jsons = scenarios.map((s) => JSON.stringify(compactScenario(s)));
  const raw = (text: string) => `#s=${Buffer.from(deflateSync(new TextEncoder().encode(text), { level: 9 })).toString('base64url')}`;
  const split = (f: string) => {
    const amp = f.indexOf('&');
    return { payload: amp < 0 ? f.slice(3) : f.slice(3, amp), rest: amp < 0 ? '' : f.slice(amp) };
  };

  const mutations: ((f: string) => string)[] = [
    // Truncated anywhere.
    (f) => f.slice(0, int(f.length)),
    // One character's bit flipped (often leaving the base64url alphabet).
    (f) => {
      const i = 3 + int(f.length - 3);
      return f.slice(0, i) + String.fromCharCode(f.charCodeAt(i) ^ (1 << int(7))) + f.slice(i + 1);
    },
    // One payload character swapped for another valid one.
    (f) => {
      const { payload, rest } = split(f);
      const i = int(payload.length);
      return `#s=${payload.slice(0, i)}${pick([...B64URL])}${payload.slice(i + 1)}${rest}`;
    },
    // One bit of the compressed bytes flipped (valid base64url, corrupt DEFLATE).
    (f) => {
      const { payload, rest } = split(f);
      const bytes = Buffer.from(payload, 'base64url');
      if (bytes.length > 0) bytes[int(bytes.length)]! ^= 1 << int(8);
      return `#s=${bytes.toString('base64url')}${rest}`;
    },
    // Bytes dropped from the end of the compressed stream.
    (f) => {
      const { payload, rest } = split(f);
      const bytes = Buffer.from(payload, 'base64url');
      return `#s=${bytes.subarray(0, int(bytes.length)).toString('base64url')}${rest}`;
    },
    // A different (possibly bad) timeline position.
    (f) => `#s=${split(f).payload}&at=${pick(['-1', '1e3', 'abc', '', '99999999999999999', '0x10', ' 5', '2.5', String(int(60)), String(int(5000)), '007'])}`,
    // Parameters reordered, repeated or joined by junk.
    (f) => pick([`#at=2&${f.slice(1)}`, `#s=&${f.slice(1)}`, `#x=1&${f.slice(1)}`, `${f}&s=AAAA`, `${f}#${f}`, f.replace('s=', 'S='), `#${f}`]),
    // A slice of the payload copied elsewhere.
    (f) => {
      const { payload, rest } = split(f);
      const a = int(payload.length);
      const b = a + int(payload.length - a);
      const at = int(payload.length);
      return `#s=${payload.slice(0, at)}${payload.slice(a, b)}${payload.slice(at)}${rest}`;
    },
    // Random characters.
    () => `#${Array.from({ length: int(80) }, () => pick([...JUNK])).join('')}`,
    () => `#s=${Array.from({ length: 1 + int(120) }, () => pick([...B64URL])).join('')}`,
    // Well-compressed text that is not quite a scenario.
    () => {
      const json = pick(jsons);
      const i = int(json.length);
      return raw(pick([json.slice(0, i), json.slice(0, i) + pick(['"', '}', ']', ',', '0', 'null', '-1', '1e309']) + json.slice(i + 1), json.replace(/\d+/, String(int(10) - 5))]));
    },
    () =>
      raw(
        JSON.stringify(
          pick<unknown>([
            { version: 1, steps: [] },
            { version: 1, steps: [{ at: -1, do: 'put', client: 'c', key: 'k', value: 'v' }] },
            { version: 1, steps: [{ at: 0, do: 'kill', node: 'n9' }] },
            { version: 1, cluster: { n: 0 }, steps: [] },
            { version: 1, cluster: { w: 9 }, steps: [] },
            { version: 2, steps: [] },
            { version: 1, steps: 'none' },
            [],
            null,
            'text',
            { version: 1, title: 'x'.repeat(int(5000)), steps: [{ at: 0, do: 'get', client: 'c', key: 'k' }] },
          ]),
        ),
      ),
  ];

  const out: string[] = ['', '#', '#s=', '#s', '#at=3', `#s=${'A'.repeat(200_001)}`];
  while (out.length < count) {
    let f = pick(bases);
    if (rnd() < 0.1) {
      // A real link at another position, possibly past the end (clamped).
      out.push(`${encodeScenario(pick(scenarios))}&at=${int(120)}`);
      continue;
    }
    const times = 1 + int(3);
    for (let i = 0; i < times; i++) f = pick(mutations)(f);
    if (!f.startsWith('#')) f = `#${f}`;
    out.push(f);
  }
  return out;
}

interface Readout {
  /** The alert's message (without its Dismiss button), if one is shown. */
  alert: string | null;
  max: number | null;
  value: number | null;
  nodes: number;
}

/** What the page shows: the alert (without its Dismiss button), the Timeline, the ring. */
function readout(): Readout {
  const alert = document.querySelector('[role="alert"]');
  const slider = document.querySelector<HTMLInputElement>('input[aria-label="Timeline"]');
  return {
    alert: alert
      ? [...alert.childNodes]
          .filter((n) => !(n instanceof HTMLButtonElement))
          .map((n) => n.textContent ?? '')
          .join('')
      : null,
    max: slider ? Number(slider.max) : null,
    value: slider ? Number(slider.value) : null,
    nodes: document.querySelectorAll('button[aria-label^="Node "]').length,
  };
}

async function readPage(page: Page): Promise<Readout> {
  return page.evaluate(readout);
}

/**
 * Clears any alert, sets the fragment (a `hashchange`), waits until the app
 * has handled it and reads the page, in one round trip. Returns the fragment
 * as the browser holds it, and whether the event fired.
 */
async function setFragment(page: Page, fragment: string): Promise<Readout & { hash: string; fired: boolean }> {
  return page.evaluate(
    async (h) => {
      document.querySelector<HTMLButtonElement>('[role="alert"] button[aria-label="Dismiss message"]')?.click();
      // Start from no fragment (no event), so the new one is always a change.
      history.replaceState(null, '', location.pathname + location.search);
      const fired = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 500);
        window.addEventListener(
          'hashchange',
          () => {
            clearTimeout(timer);
            resolve(true);
          },
          { once: true },
        );
      });
      location.hash = h;
      const hash = location.hash;
      // Our listener was added after the app's, so the app has handled it.
      const wasFired = await fired;
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      // The same reading as readout() (a page function cannot call one of ours).
      const alert = document.querySelector('[role="alert"]');
      const slider = document.querySelector<HTMLInputElement>('input[aria-label="Timeline"]');
      return {
        hash,
        fired: wasFired,
        alert: alert
          ? [...alert.childNodes]
              .filter((n) => !(n instanceof HTMLButtonElement))
              .map((n) => n.textContent ?? '')
              .join('')
          : null,
        max: slider ? Number(slider.max) : null,
        value: slider ? Number(slider.value) : null,
        nodes: document.querySelectorAll('button[aria-label^="Node "]').length,
      };
    },
    fragment,
  );
}

test('300 fuzzed links: each is either announced or loaded, and nothing throws', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectPageErrors(page);
  const fragments = makeFragments(300, 0x5eed);
  await openDefault(page);

  let loaded = 0;
  let refused = 0;
  let ignored = 0;
  for (const [i, fragment] of fragments.entries()) {
    const { hash, fired, ...shown } = await setFragment(page, fragment);
    const label = `fragment #${i}: ${JSON.stringify(hash.length > 200 ? `${hash.slice(0, 200)}…` : hash)}`;
    expect(errors, `uncaught page errors after ${label}`).toEqual([]);
    expect(shown.nodes, `${label}: the ring is there`).toBeGreaterThan(0);
    expect(shown.max, `${label}: the Timeline is there`).not.toBeNull();

    if (hash === '' || hash === '#') {
      // No link at all: nothing to open, nothing to announce.
      ignored++;
      continue;
    }
    expect(fired, `hashchange for ${label}`).toBe(true);

    const decoded = decodeScenario(hash);
    let expected: Omit<Readout, 'alert'> & { alert: string | RegExp | null };
    if (decoded.ok) {
      loaded++;
      const { events } = runFacts(decoded.scenario);
      expected = { alert: null, max: events, value: Math.min(decoded.at ?? 0, events), nodes: decoded.scenario.cluster.nodes.length };
    } else {
      refused++;
      // The alert names the decoder's problem (JSON.parse's own words vary
      // between V8 versions: only their kind is compared); the scenario
      // shown stays.
      const alert = decoded.error.startsWith('JSON:')
        ? /^This link could not be opened — JSON: .+\. Your current scenario is unchanged\.$/s
        : // A problem worded as a question keeps its "?" and takes no full stop.
          `This link could not be opened — ${decoded.error}${decoded.error.endsWith('?') ? '' : '.'} Your current scenario is unchanged.`;
      expected = { ...shown, alert };
    }
    const asMatcher = { ...expected, alert: expected.alert instanceof RegExp ? expect.stringMatching(expected.alert) : expected.alert };
    const agrees = (r: Readout) =>
      r.max === expected.max &&
      r.value === expected.value &&
      r.nodes === expected.nodes &&
      (expected.alert instanceof RegExp ? r.alert !== null && expected.alert.test(r.alert) : r.alert === expected.alert);
    if (!agrees(shown)) {
      // Give a slow render a moment before judging.
      await expect.poll(() => readPage(page), { message: label, timeout: 3000 }).toEqual(asMatcher);
    }
  }

  console.log(`link fuzz: ${loaded} loaded, ${refused} refused, ${ignored} empty, of ${fragments.length}`);
  // The fuzz exercised both outcomes (and the app stayed alive to the end).
  expect(loaded, 'fragments that loaded').toBeGreaterThanOrEqual(25);
  expect(refused, 'fragments that were refused').toBeGreaterThanOrEqual(150);
  expect(ignored + loaded + refused).toBe(fragments.length);
  await expect(nodeButtons(page).first()).toBeVisible();
  expect(errors).toEqual([]);
});
