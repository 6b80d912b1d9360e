import { describe, expect, it } from 'vitest';
import { Kernel } from '../sim/kernel';
import { Ring } from '../sim/ring';
import { makeScenario } from '../sim/testkit';
import { Timeline } from '../sim/timeline';
import type { TraceRecord } from '../sim/trace';
import type { SimScenario, Step } from '../sim/types';
import { DEFAULT_SCENARIO } from '../scenario';
import { describeEvent, describeSiblings, listWords, opName, START_ENTRY, type LogEntry } from './logText';
import { traceIndexOf } from './traceIndex';
import { overridesContained } from './testing/bidi';

/** Every entry of a run, as the event log words them. */
function logOf(scenario: SimScenario): LogEntry[] {
  const kernel = new Kernel(scenario);
  kernel.runToEnd();
  const timeline = new Timeline(scenario, kernel.trace, kernel.events);
  const index = traceIndexOf(kernel.trace);
  const out: LogEntry[] = [];
  for (let e = 0; e <= kernel.events; e++) out.push(describeEvent(e, timeline.recordsOf(e), { scenario, messageOf: (id) => index.byId.get(id)?.msg }));
  return out;
}

function lines(entry: LogEntry): string[] {
  return [entry.main.text, ...entry.details.map((d) => d.text)];
}

const ring = new Ring(['n1', 'n2', 'n3', 'n4', 'n5'], 1, 3);
const [a, b, c] = ring.preferenceList('cart') as [string, string, string];

describe('describeEvent', () => {
  it('words the default scenario: the step, who coordinates, the sends, deliveries and the outcome', () => {
    const log = logOf(structuredClone<SimScenario>(DEFAULT_SCENARIO));
    expect(log[0]).toBe(START_ENTRY);
    const first = log[1]!;
    expect(first.main).toEqual({ text: 'Step 0: alice writes cart = "milk"', tone: 'step' });
    expect(lines(first)).toEqual([
      'Step 0: alice writes cart = "milk"',
      `${a} coordinates: it needs W = 2 write acks of N = 3 replicas`,
      `Writing: sent to ${a}, ${b}, ${c}`,
      `${a} stores cart = "milk"`,
      `${a} sends W to ${b}: cart = "milk"`,
      `${a} sends W to ${c}: cart = "milk"`,
    ]);
    expect(lines(log[2]!)).toEqual([`${a} → ${b} W cart = "milk" arrives`, `${b} stores cart = "milk"`, `${b} sends ack to ${a}: cart`]);
    const ok = log.find((e) => e.details.some((d) => d.text.startsWith("alice's write of cart succeeded")))!;
    expect(ok.details.find((d) => d.tone === 'good')?.text).toBe("alice's write of cart succeeded: 2 of 3 acks: W = 2 is met");
    const read = log.flatMap((e) => e.details).find((d) => d.text.startsWith("bob's read of cart returned"));
    expect(read?.text).toMatch(/^bob's read of cart returned \["milk"\]: fresh · 2 of 3 replies/);
  });

  it('says why a read was stale, naming the write it missed, and flags the entry', () => {
    const scenario = makeScenario({
      cluster: { w: 1, r: 1, hintedHandoff: false },
      steps: [
        { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'old', coordinator: a },
        { at: 50, do: 'cut', from: a, to: c },
        { at: 60, do: 'put', client: 'alice', key: 'cart', value: 'new', coordinator: a },
        { at: 200, do: 'heal' },
        { at: 300, do: 'get', client: 'bob', key: 'cart', coordinator: c },
      ],
    });
    const log = logOf(scenario);
    const lost = log.find((e) => e.main.text.includes('is lost'))!;
    expect(lost.main).toEqual({ text: `${a} → ${c} W cart = "new" is lost: the link ${a} → ${c} is cut`, tone: 'bad' });
    const stale = log.find((e) => e.verdict)!;
    expect(stale.main.text).toBe(`Step 4: bob reads cart via ${c}`);
    expect(stale.details).toContainEqual({ text: "Stale read: bob's read of cart missed a write acknowledged before it began", tone: 'verdict' });
    expect(stale.details.find((d) => d.text.startsWith("bob's read"))?.text).toBe(
      `bob's read of cart returned ["old"]: stale — it missed alice's write cart = "new" (step 2) · 1 of 3 replies (${c}): R = 1 is met`,
    );
    expect(log.filter((e) => e.verdict)).toHaveLength(1);
  });

  it('groups what the failure detector tells the nodes, and says when a node comes back', () => {
    const log = logOf(makeScenario({ steps: [{ at: 0, do: 'kill', node: 'n2' }, { at: 100, do: 'revive', node: 'n2' }] }));
    expect(log.map((e) => e.main.text)).toEqual([
      START_ENTRY.main.text,
      'Step 0: n2 crashes',
      'n1, n3, n4 and n5 learn n2 is unreachable',
      'Step 1: n2 comes back',
      'n1, n3, n4 and n5 learn n2 is reachable again',
    ]);
  });

  it('names each kind of loss and the timeout that follows', () => {
    const scenario = makeScenario({
      steps: [
        { at: 0, do: 'partition', groups: [[a], [b, c]] },
        { at: 1, do: 'put', client: 'alice', key: 'cart', value: 'x', coordinator: a },
      ],
    });
    const log = logOf(scenario);
    const drops = log.filter((e) => e.main.tone === 'bad').map((e) => e.main.text);
    expect(drops).toContain(`${a} → ${b} W cart = "x" is lost: a partition separates ${a} and ${b}`);
    expect(log.map((e) => e.main.text)).toContain("alice's write of cart: time is up after 100 ms");
    expect(log.flatMap((e) => e.details)).toContainEqual({ text: "alice's write of cart failed: only 1 of 3 acks within 100 ms: W = 2 not met", tone: 'bad' });

    const dead = logOf(makeScenario({ steps: [{ at: 0, do: 'put', client: 'alice', key: 'cart', value: 'x', coordinator: a }, { at: 1, do: 'kill', node: b }] }));
    expect(dead.map((e) => e.main.text)).toContain(`${a} → ${b} W cart = "x" is lost: ${b} is down`);
  });

  it('tells hints, their replay and the lost-write verdict in words', () => {
    const hinted = logOf(
      makeScenario({
        cluster: { sloppyQuorum: true },
        steps: [
          { at: 0, do: 'kill', node: b },
          { at: 60, do: 'put', client: 'alice', key: 'cart', value: 'milk', coordinator: a },
          { at: 200, do: 'revive', node: b },
        ],
      }),
    );
    const all = hinted.flatMap(lines);
    expect(all.some((l) => /^n\d sends hint to n\d: cart = "milk" \(hint for n\d\)$/.test(l))).toBe(true);
    expect(all.some((l) => new RegExp(`^n\\d keeps a hint for ${b}: cart$`).test(l))).toBe(true);
    expect(all.some((l) => new RegExp(`^n\\d sends replay to ${b}: cart = "milk"$`).test(l))).toBe(true);
    expect(all).toContain(`${b} takes the hinted cart = "milk"`);
    expect(all.some((l) => new RegExp(`^n\\d deletes its hint for ${b} \\(cart\\): ${b} has it now$`).test(l))).toBe(true);

    const lost = logOf(
      makeScenario({
        steps: [
          { at: 0, do: 'skew', node: b, offsetMs: -60000 },
          { at: 10, do: 'put', client: 'alice', key: 'cart', value: 'first', coordinator: a },
          { at: 200, do: 'put', client: 'bob', key: 'cart', value: 'second', coordinator: b },
        ],
      }),
    );
    expect(lost.flatMap((e) => e.details)).toContainEqual({ text: `Lost write: bob's write of cart = "second" was acknowledged, but no replica holds it any more`, tone: 'verdict' });
  });

  it('words anti-entropy and a resurrection', () => {
    const steps: Step[] = [
      { at: 0, do: 'put', client: 'x', key: 'cart', value: 'v', w: 3 },
      { at: 100, do: 'kill', node: c },
      { at: 200, do: 'delete', client: 'x', key: 'cart', coordinator: a },
      { at: 2000, do: 'revive', node: c },
      { at: 2200, do: 'repair', nodes: [a, c] },
    ];
    const log = logOf(makeScenario({ cluster: { tombstoneGraceMs: 1000, hintedHandoff: false }, steps }));
    const all = log.flatMap(lines);
    expect(all).toContain(`${a} stores a tombstone for cart (the mark of a delete)`);
    expect(all).toContain(`${a} purges the tombstone of cart: its grace period is over`);
    expect(all).toContain(`${a} starts anti-entropy with ${c}: they compare Merkle trees`);
    expect(all).toContain(`${a} sends hash to ${c}: 1 hash at level 0`);
    expect(all).toContain(`Anti-entropy: ${a} now holds cart = "v"`);
    expect(all).toContain(`Resurrection: cart came back on ${a} after x's delete of cart`);
  });

  it('sums up many messages from one node in one line', () => {
    const e = 1;
    const msg = { type: 'merkle' as const, session: 's', level: 1, nodes: [] };
    const records: TraceRecord[] = [
      { e, t: 0, k: 'timer', node: 'n1', name: 'ae-tick' },
      ...['n2', 'n3', 'n4', 'n5', 'n2'].map((to, i): TraceRecord => ({ e, t: 0, k: 'send', id: i + 1, from: 'n1', to, type: 'merkle', key: null, msg, arriveMs: 5 })),
    ];
    const entry = describeEvent(e, records, { scenario: makeScenario({ steps: [] }), messageOf: () => undefined });
    expect(entry.main).toEqual({ text: "n1's anti-entropy timer fires", tone: 'muted' });
    expect(lines(entry).slice(1)).toEqual(['n1 sends 5 messages (5 hash) to n2, n3, n4 and n5']);
  });
});

describe('words', () => {
  it('lists like a sentence', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['n1'])).toBe('n1');
    expect(listWords(['n1', 'n2'])).toBe('n1 and n2');
    expect(listWords(['n1', 'n2', 'n3'])).toBe('n1, n2 and n3');
  });

  it('shows values as quoted text, tombstones and siblings plainly', () => {
    expect(describeSiblings([])).toBe('(nothing)');
    expect(describeSiblings([{ value: '<b>x</b>', writeId: 0, ts: 0 }])).toBe('"<b>x</b>"');
    expect(describeSiblings([{ value: null, writeId: 0, ts: 0 }])).toBe('(deleted)');
    expect(describeSiblings([{ value: 'a', writeId: 0, ts: 0 }, { value: 'b', writeId: 1, ts: 0 }])).toBe('"a" | "b" (2 siblings)');
  });

  it('names operations by their step', () => {
    const scenario = makeScenario({ steps: [{ at: 0, do: 'get', client: 'bob', key: 'k' }, { at: 0, do: 'delete', client: 'x', key: 'k' }, { at: 0, do: 'heal' }] });
    expect(opName(0, scenario)).toBe("bob's read of k");
    expect(opName(1, scenario)).toBe("x's delete of k");
    expect(opName(2, scenario)).toBe('operation 2');
  });
});

// Issue 13: a key named "\u202Etxt.exe" must not turn the sentence around it.
describe('user text with a right-to-left override', () => {
  const RLO = '\u202E';
  const key = `${RLO}txt.exe`;
  const scenario = makeScenario({
    steps: [
      { at: 0, do: 'put', client: `${RLO}alice`, key, value: `${RLO}milk` },
      { at: 20, do: 'kill', node: a },
      { at: 30, do: 'delete', client: 'bob', key },
      { at: 40, do: 'get', client: 'carol', key, r: 1 },
    ],
  });
  const log = logOf(scenario);

  it('isolates the client, key and value of the step line', () => {
    expect(log[1]!.main.text).toBe(`Step 0: \u2068${RLO}alice\u2069 writes \u2068${key}\u2069 = \u2068"${RLO}milk"\u2069`);
  });

  it('keeps every override of every line inside an isolate', () => {
    const all = log.flatMap(lines);
    expect(all.filter((l) => l.includes(RLO)).length).toBeGreaterThan(10);
    expect(all.filter((l) => !overridesContained(l))).toEqual([]);
  });

  it('reads as before once the invisible isolate marks are taken out', () => {
    const plain = log.flatMap(lines).map((l) => l.replace(/[\u2066-\u2069]/g, ''));
    expect(plain).toContain(`Step 0: ${RLO}alice writes ${key} = "${RLO}milk"`);
    expect(plain.some((l) => l.startsWith(`bob's delete of ${key} succeeded`))).toBe(true);
  });
});
