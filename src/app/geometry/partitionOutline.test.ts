import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ring } from '../../sim/ring';
import { BAND_HALF_WIDTH, groupLetter, labelPoint, MAX_REACH, partitionRuns, runCovers, type OutlineRun } from './partitionOutline';
import { layoutRing, RADIUS } from './ringLayout';

const TAU = 2 * Math.PI;

/** n nodes evenly spaced, n1 at 12 o'clock, clockwise. */
function even(n: number): Map<string, number> {
  return new Map(Array.from({ length: n }, (_, i) => [`n${i + 1}`, (i * TAU) / n]));
}

/** The nodes whose angle some band of group `g` covers. */
function covered(runs: readonly OutlineRun[], angles: ReadonlyMap<string, number>, g: number): string[] {
  return [...angles].filter(([, a]) => runs.some((r) => r.group === g && runCovers(r, a))).map(([id]) => id).sort();
}

describe('partitionRuns', () => {
  it('gives a group that alternates with another one band per run, the run across 12 o’clock included', () => {
    const angles = even(5);
    const groups = [['n1', 'n3', 'n5'], ['n2', 'n4']];
    const runs = partitionRuns(angles, groups);
    expect(runs.map((r) => [r.group, r.members])).toEqual(
      expect.arrayContaining([
        [0, ['n5', 'n1']],
        [0, ['n3']],
        [1, ['n2']],
        [1, ['n4']],
      ]),
    );
    expect(runs).toHaveLength(4);
    expect(covered(runs, angles, 0)).toEqual(['n1', 'n3', 'n5']);
    expect(covered(runs, angles, 1)).toEqual(['n2', 'n4']);
  });

  it('keeps the bands of neighbouring groups apart', () => {
    const angles = even(6);
    const runs = partitionRuns(angles, [['n1', 'n2'], ['n3'], ['n4', 'n5', 'n6']]);
    for (const a of runs)
      for (const b of runs) {
        if (a === b) continue;
        // Sample a's band: no point of it lies in b's.
        for (let t = 0; t <= 1; t += 0.01) expect(runCovers(b, a.startAngle + t * (a.endAngle - a.startAngle))).toBe(false);
      }
  });

  it('reaches past its end nodes, so a node is inside its band and not on its edge', () => {
    const runs = partitionRuns(even(4), [['n1'], ['n2', 'n3', 'n4']]);
    const n1 = runs.find((r) => r.group === 0)!;
    expect(n1.startAngle).toBeCloseTo(-0.4 * (TAU / 4), 9);
    expect(n1.endAngle).toBeCloseTo(0.4 * (TAU / 4), 9);
    // With two nodes the other is half a ring away: the reach is capped.
    const two = partitionRuns(even(2), [['n1'], ['n2']]);
    expect(two[0]!.endAngle - two[0]!.startAngle).toBeCloseTo(2 * MAX_REACH, 9);
  });

  it('leaves out nodes in no group, and draws nothing when no node is grouped', () => {
    const angles = even(5);
    const runs = partitionRuns(angles, [['n1', 'n2'], ['n4']]);
    expect(covered(runs, angles, 0)).toEqual(['n1', 'n2']);
    expect(covered(runs, angles, 1)).toEqual(['n4']);
    expect(partitionRuns(angles, [])).toEqual([]);
  });

  it('holds exactly each group’s members, for any partition of a real ring', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), fc.integer({ min: 2, max: 5 }), (n, vnodes, picks, k) => {
        const ids = Array.from({ length: n }, (_, i) => `n${i + 1}`);
        const layout = layoutRing(new Ring(ids, vnodes, Math.min(3, n)));
        const angles = new Map([...layout.nodes].map(([id, node]) => [id, node.angle]));
        const groups: string[][] = Array.from({ length: k }, () => []);
        ids.forEach((id, i) => groups[picks[i]! % k]!.push(id));
        const runs = partitionRuns(angles, groups);
        groups.forEach((g, i) => expect(covered(runs, angles, i)).toEqual([...g].sort()));
      }),
      { numRuns: 300 },
    );
  });

  it('puts each piece’s group letter just outside the middle of its band', () => {
    const runs = partitionRuns(even(4), [['n2'], ['n1', 'n3', 'n4']]);
    const n2 = runs.find((r) => r.group === 0)!;
    const p = labelPoint(n2);
    // n2 sits at 3 o'clock: the letter is to its right, past the band's outer edge.
    expect(p.y).toBeCloseTo(0, 9);
    expect(p.x).toBeGreaterThan(RADIUS + BAND_HALF_WIDTH);
    expect([0, 1, 2, 25, 26].map(groupLetter)).toEqual(['A', 'B', 'C', 'Z', '27']);
  });
});
