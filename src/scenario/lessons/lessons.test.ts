// Every claim a lesson makes is checked against the engine; every prediction's
// answer is what the engine does, and every wrong choice is something it did
// not do; the scenarios survive a share link; the narration is in order and
// repeats none of the lecture notes' known slips.

import { describe, expect, it } from 'vitest';
import type { SimScenario } from '../../sim/types';
import { MAX_LINK_PAYLOAD_CHARS } from '../limits';
import { parseScenario } from '../parse';
import { decodeScenario, encodeScenario } from '../url';
import { applyCompare } from './compare';
import { LESSONS, lessonById } from './index';
import { runChecks, runPredictions } from './runChecks';
import { findSlips, sentencesOf } from './slips';
import type { Check, Lesson } from './types';

/** Every text a student can read in a lesson, in the order it is shown. */
function textsOf(lesson: Lesson): string[] {
  const out = [lesson.title, lesson.summary];
  for (const stage of lesson.stages) {
    out.push(stage.text);
    if (stage.predict) out.push(stage.predict.question, ...stage.predict.choices, stage.predict.explanation);
  }
  if (lesson.compare) out.push(lesson.compare.a.label, lesson.compare.b.label, lesson.compare.differs);
  return out;
}

/** Virtual times a check looks at (undefined: the end of the run). */
function timesLookedAt(lesson: Lesson, check: Check): (number | undefined)[] {
  switch (check.kind) {
    case 'op':
      return [lesson.scenario.steps[check.step]?.at ?? -1];
    case 'replica':
    case 'hints':
      return [check.atMs];
    case 'metric':
      // sinceMs is a baseline taken before the step; only the reading counts.
      return [check.atMs];
  }
}

function scenarios(lesson: Lesson): [string, SimScenario][] {
  const out: [string, SimScenario][] = [['lesson', lesson.scenario]];
  if (lesson.compare) out.push(['a', applyCompare(lesson, 'a')], ['b', applyCompare(lesson, 'b')]);
  return out;
}

const describeCheck = (c: Check): string => JSON.stringify(c);

describe('the lesson list', () => {
  it('has the eleven lessons in course order, with unique url-safe ids', () => {
    expect(LESSONS.map((l) => l.number)).toEqual(LESSONS.map((_, i) => i + 1));
    expect(LESSONS.length).toBeGreaterThanOrEqual(11);
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('finds a lesson by id, and nothing for an unknown id', () => {
    for (const l of LESSONS) expect(lessonById(l.id)).toBe(l);
    expect(lessonById('no-such-lesson')).toBeUndefined();
  });

  it('is frozen, so no view can change a lesson under another', () => {
    expect(Object.isFrozen(LESSONS)).toBe(true);
    for (const l of LESSONS) {
      expect(Object.isFrozen(l.scenario.steps)).toBe(true);
      expect(Object.isFrozen(l.stages[0])).toBe(true);
    }
  });

  it('is plain data: a JSON round trip changes nothing', () => {
    for (const l of LESSONS) expect(JSON.parse(JSON.stringify(l))).toStrictEqual(l);
  });

  it('has comparisons in the lessons whose point is a contrast', () => {
    for (const id of ['sloppy-quorum-stale', 'lww-clock-skew', 'siblings', 'tombstones']) expect(lessonById(id)?.compare).toBeDefined();
  });
});

describe.each(LESSONS.map((l) => [`${l.number}. ${l.title}`, l] as const))('%s', (_name, lesson) => {
  const { steps, cluster } = lesson.scenario;

  it('has a valid scenario that survives a share link, under the size limit', () => {
    for (const [side, scenario] of scenarios(lesson)) {
      expect(parseScenario(JSON.parse(JSON.stringify(scenario))), side).toStrictEqual({ ok: true, scenario });
      const link = encodeScenario(scenario);
      expect(link.length - '#s='.length, side).toBeLessThanOrEqual(MAX_LINK_PAYLOAD_CHARS);
      expect(decodeScenario(link), side).toStrictEqual({ ok: true, scenario });
    }
  });

  it('makes only claims the engine bears out', () => {
    const failed = runChecks(lesson)
      .filter((r) => !r.ok)
      .map((r) => `${describeCheck(r.check)} → actual ${JSON.stringify(r.actual)}`);
    expect(failed).toEqual([]);
    expect(lesson.checks.length).toBeGreaterThan(0);
  });

  it('asks predictions whose answer the engine produces and whose other choices it does not', () => {
    const predictions = runPredictions(lesson);
    expect(predictions.length, 'at least one "predict, then reveal" question').toBeGreaterThan(0);
    for (const p of predictions) {
      const predict = lesson.stages[p.stage]!.predict!;
      const expected = predict.choices.map((_, i) => i === predict.answer);
      expect(p.holds, `stage ${p.stage}: ${predict.question} (actual: ${p.results.map((r) => JSON.stringify(r.actual)).join(' | ')})`).toEqual(expected);
    }
  });

  it('shows its stages in time order, each with one to three short sentences', () => {
    lesson.stages.forEach((stage, i) => {
      if (i > 0) expect(stage.atMs, `stage ${i}`).toBeGreaterThan(lesson.stages[i - 1]!.atMs);
      expect(stage.atMs).toBeGreaterThanOrEqual(0);
      const sentences = sentencesOf(stage.text).length;
      expect(sentences, stage.text).toBeGreaterThanOrEqual(1);
      expect(sentences, stage.text).toBeLessThanOrEqual(3);
    });
    expect(sentencesOf(lesson.summary)).toHaveLength(1);
    if (lesson.compare) expect(sentencesOf(lesson.compare.differs)).toHaveLength(1);
  });

  it('asks each prediction before the step it is about, and before anything its claims look at', () => {
    for (const stage of lesson.stages) {
      const predict = stage.predict;
      if (!predict) continue;
      expect(predict.choices.length).toBeGreaterThanOrEqual(2);
      expect(predict.claims).toHaveLength(predict.choices.length);
      expect(predict.answer).toBeGreaterThanOrEqual(0);
      expect(predict.answer).toBeLessThan(predict.choices.length);
      const step = steps[predict.step];
      expect(step, `predict.step ${predict.step}`).toBeDefined();
      expect(stage.atMs, predict.question).toBeLessThan(step!.at);
      for (const claim of predict.claims) {
        for (const t of timesLookedAt(lesson, claim)) if (t !== undefined) expect(stage.atMs, describeCheck(claim)).toBeLessThan(t);
      }
    }
  });

  it('refers only to nodes, keys, steps and comparison sides that exist', () => {
    const nodes = new Set(cluster.nodes);
    const keys = new Set(steps.flatMap((s) => ('key' in s ? [s.key] : [])));
    const opSteps = new Set(steps.flatMap((s, i) => (s.do === 'put' || s.do === 'get' || s.do === 'delete' ? [i] : [])));
    for (const stage of lesson.stages) {
      for (const n of stage.highlight?.nodes ?? []) expect(nodes.has(n), n).toBe(true);
      if (stage.highlight?.key !== undefined) expect(keys.has(stage.highlight.key), stage.highlight.key).toBe(true);
      if (stage.highlight?.step !== undefined) expect(steps[stage.highlight.step]).toBeDefined();
    }
    const allChecks = [...lesson.checks, ...lesson.stages.flatMap((s) => s.predict?.claims ?? [])];
    for (const c of allChecks) {
      if (c.variant !== undefined) expect(lesson.compare, describeCheck(c)).toBeDefined();
      if (c.kind === 'op') expect(opSteps.has(c.step), describeCheck(c)).toBe(true);
      if (c.kind === 'replica') expect(keys.has(c.key) && nodes.has(c.node), describeCheck(c)).toBe(true);
      if (c.kind === 'hints' && c.node !== undefined) expect(nodes.has(c.node), describeCheck(c)).toBe(true);
    }
  });

  it('narrates the scenario of one of its comparison sides', () => {
    if (!lesson.compare) return;
    const sides = [applyCompare(lesson, 'a'), applyCompare(lesson, 'b')].map((s) => s.cluster);
    expect(sides).toContainEqual(lesson.scenario.cluster);
    expect(sides[0]).not.toStrictEqual(sides[1]);
  });

  it('repeats none of the lecture notes’ known slips', () => {
    expect(textsOf(lesson).flatMap(findSlips)).toEqual([]);
  });

  it('says what N, W and R mean the first time it uses them', () => {
    const gloss = { N: /replica/i, W: /ack|write/i, R: /repl(y|ies)|read/i };
    for (const [letter, meaning] of Object.entries(gloss)) {
      // The title is a heading; the glosses start with the summary.
      const first = textsOf(lesson)
        .slice(1)
        .flatMap(sentencesOf)
        .find((t) => new RegExp(`\\b${letter}\\b`).test(t));
      if (first !== undefined) expect(first, `first use of ${letter}`).toMatch(meaning);
    }
  });
});

describe('the slip detector', () => {
  it('flags the lecture notes’ slips', () => {
    const slips = [
      'Leaderless: Every node can write (e.g., DynamoDB), maximizing availability.',
      'DynamoDB uses leaderless replication.',
      'Solution: DynamoDB with sloppy quorum.',
      'Cassandra uses sloppy quorums.',
      'To guarantee that we have the most recent values we need a quorum, which just means majority.',
      'Quorum (w + r > n) ensures strong consistency.',
      'N is the total number of nodes.',
      'Ultimately, the system must choose between consistency, availability, and partition tolerance (as per the CAP theorem).',
      'CAP theorem: pick two of three.',
      'Advantage: Reduces comparison time from O(n) to O(log n).',
      'The hashes compared grow with the depth of the tree, about log₂ of the store’s size.',
    ];
    for (const s of slips) expect(findSlips(s), s).not.toEqual([]);
  });

  it('lets the corrections through', () => {
    const corrections = [
      'Amazon’s DynamoDB service is not leaderless: each partition has a leader.',
      'Riak uses sloppy quorums by default; Cassandra does not.',
      'Cassandra keeps hints but never counts them toward the consistency level, except at level ANY.',
      'A quorum does not have to be a majority.',
      'W + R > N makes a read overlap the latest acknowledged write.',
      'CAP is not ‘pick two of three’: partitions happen whether you choose them or not.',
      'While a partition lasts, a replicated store must give up either consistency or availability.',
      'The count grows with the tree’s depth, set here to 8 levels.',
    ];
    for (const s of corrections) expect(findSlips(s), s).toEqual([]);
  });

  it('splits sentences without breaking values like cat.jpg or 1.5 s', () => {
    expect(sentencesOf('Alice writes ‘cat.jpg’. At 1.5 s it is purged! Is it?')).toEqual(['Alice writes ‘cat.jpg’.', 'At 1.5 s it is purged!', 'Is it?']);
  });
});

describe('applyCompare', () => {
  it('applies one side’s cluster settings to a copy and leaves the lesson alone', () => {
    const lesson = lessonById('tombstones')!;
    const b = applyCompare(lesson, 'b');
    expect(b.cluster.tombstoneGraceMs).toBe(10000);
    expect(b.steps).toStrictEqual(lesson.scenario.steps);
    expect(b.steps).not.toBe(lesson.scenario.steps);
    expect(lesson.scenario.cluster.tombstoneGraceMs).toBe(1000);
  });

  it('gives a copy of the lesson’s own scenario when there is no comparison', () => {
    const lesson = lessonById('quorums')!;
    expect(applyCompare(lesson, 'a')).toStrictEqual(lesson.scenario);
  });
});
