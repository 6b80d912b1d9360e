// Replays stay replays: every lesson, each side of its comparison and a
// share link made on 2026-12-06 replay to the same trace, pinned by hash.
// A change that alters any of them fails here. If it is meant, update the
// hash and say in the commit what changed in the replay and why; if old
// links would replay differently for a user, the scenario version must
// change, with a migration.

import { describe, expect, it } from 'vitest';
import { buildReport, runScenario } from '../../sim/report';
import type { SimScenario } from '../../sim/types';
import { DEFAULT_SCENARIO } from '../defaults';
import { decodeScenario } from '../url';
import { applyCompare } from './compare';
import { LESSONS } from './index';

const PINNED: Record<string, { lesson: string; a?: string; b?: string }> = {
  quorums: { lesson: '04bd65ed0c918c' },
  'stale-read': { lesson: '1b512f6997ca4e' },
  'read-repair': { lesson: '08c4c90ca61476' },
  'hinted-handoff': { lesson: '1cc53bf575063f' },
  'sloppy-quorum-stale': { lesson: '1bbd268d0a5afe', a: '01e86ad228079b', b: '1bbd268d0a5afe' },
  'anti-entropy': { lesson: '04d5934d91b217' },
  'lww-clock-skew': { lesson: '16c3b8c31524f0', a: '16c3b8c31524f0', b: '030a16f8ae17c5' },
  siblings: { lesson: '0df60da69f4a3b', a: '0df60da69f4a3b', b: '1f1e9d5186e44a' },
  tombstones: { lesson: '0e5c4a98a3eff7', a: '0e5c4a98a3eff7', b: '0a2993ac1d2887' },
  'quorum-edge-cases': { lesson: '0fd21eb21d5025' },
  'watching-staleness': { lesson: '05ea32af07f86f' },
  'session-guarantees': { lesson: '1d82ba0c727ace', a: '1d82ba0c727ace', b: '19b6bc77501aca' },
};

/** Links as the app made them on 2026-12-06, and the trace each replays to. */
const LINKS: [string, string, string][] = [
  [
    'the default scenario',
    '#s=VYwxDsMgEAS_gramSJSOX6SOUpzhFJ2MwYLDUWTx92BFKVzuzu7s2LhUyQnuaqGikeFwb7m0xbyLKBtKwRSmAIuqvFa4xw5SuItFyGO9Nh3MR-E0WlAUz6OY-TOSp3LQjWI7zIvEGd3-BLe_4cUnw5Sn878_-xc',
    '1125c768c6a7e0',
  ],
  [
    'lesson 1',
    '#s=nY1LCsIwEECvUmYdpP4o5BCCblyIizQJJTZmSjIJSOndTVALpTuXM_PmvRGS9sGgA75lQIasBg7niD4-A69OrLpWwqnqAgwC6SEAv40gKON1zUBhpodI-Sqt0S7vQVgjdV70-lWmJEj4PCZhY3FLQZvH0MHEPp797OmNtRl0qArnDjNy_DOlsFukmtnjdTKpfK5jze4HdXoRa7FdpySiV8YJQv_V3Kc3',
    '04bd65ed0c918c',
  ],
];

const hashOf = (s: SimScenario) => buildReport(runScenario(s)).traceHash;

describe('pinned replays', () => {
  it('pins every lesson', () => {
    expect(Object.keys(PINNED).sort()).toEqual(LESSONS.map((l) => l.id).sort());
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s replays to its pinned trace', (id, lesson) => {
    const pinned = PINNED[id]!;
    expect(hashOf(lesson.scenario)).toBe(pinned.lesson);
    if (lesson.compare) {
      expect(hashOf(applyCompare(lesson, 'a'))).toBe(pinned.a);
      expect(hashOf(applyCompare(lesson, 'b'))).toBe(pinned.b);
    }
  });

  it.each(LINKS)('a link to %s made on 2026-12-06 replays the same', (_name, link, hash) => {
    const decoded = decodeScenario(link);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(hashOf(decoded.scenario)).toBe(hash);
  });

  it('the default scenario is the one the first link was made of', () => {
    expect(hashOf(DEFAULT_SCENARIO)).toBe(LINKS[0]![2]);
  });
});
