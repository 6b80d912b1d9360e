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
  quorums: { lesson: '079180de3de139' },
  'stale-read': { lesson: '1719f68095a011' },
  'read-repair': { lesson: '15c46d78d4980e' },
  'hinted-handoff': { lesson: '0759a6dd61d30c' },
  'sloppy-quorum-stale': { lesson: '0be884a475a299', a: '0fe24caec9f104', b: '0be884a475a299' },
  'anti-entropy': { lesson: '195eadd87aa571' },
  'lww-clock-skew': { lesson: '1ef8b178820008', a: '1ef8b178820008', b: '1ea29c984ed339' },
  siblings: { lesson: '01312c5442d3f0', a: '01312c5442d3f0', b: '1d1bcef67a77a6' },
  tombstones: { lesson: '1c89b2f9f29b8c', a: '1c89b2f9f29b8c', b: '0bdcb78e6a49c6' },
  'quorum-edge-cases': { lesson: '0ece6628722890' },
  'watching-staleness': { lesson: '1ae338f22315c9' },
  'session-guarantees': { lesson: '1770b1e8a6421f', a: '1770b1e8a6421f', b: '143a884447375a' },
};

/** Links as the app made them on 2026-12-06, and the trace each replays to. */
const LINKS: [string, string, string][] = [
  [
    'the default scenario',
    '#s=VYwxDsMgEAS_gramSJSOX6SOUpzhFJ2MwYLDUWTx92BFKVzuzu7s2LhUyQnuaqGikeFwb7m0xbyLKBtKwRSmAIuqvFa4xw5SuItFyGO9Nh3MR-E0WlAUz6OY-TOSp3LQjWI7zIvEGd3-BLe_4cUnw5Sn878_-xc',
    '0a4283bacaf92f',
  ],
  [
    'lesson 1',
    '#s=nY1LCsIwEECvUmYdpP4o5BCCblyIizQJJTZmSjIJSOndTVALpTuXM_PmvRGS9sGgA75lQIasBg7niD4-A69OrLpWwqnqAgwC6SEAv40gKON1zUBhpodI-Sqt0S7vQVgjdV70-lWmJEj4PCZhY3FLQZvH0MHEPp797OmNtRl0qArnDjNy_DOlsFukmtnjdTKpfK5jze4HdXoRa7FdpySiV8YJQv_V3Kc3',
    '079180de3de139',
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
