import { describe, expect, it } from 'vitest';
import { ColumnPath, lagPath, maxLagBy, spreadLabels, stackedBands, stepPath } from './plotPaths';
import type { LagEpisode, Step } from './series';

const id = (v: number) => v;
/** Vertices of a path's `d`. */
const vertices = (d: string): [number, number][] => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('ColumnPath', () => {
  it('keeps at most four vertices per pixel column: in, lowest, highest, out', () => {
    const p = new ColumnPath();
    p.to(0, 5);
    for (let i = 0; i < 1000; i++) p.to(10 + (i % 3) * 0.1, i % 7);
    p.to(20, 3);
    expect(vertices(p.done())).toEqual([
      [0, 5],
      [10, 0],
      [10, 6],
      [10, 5], // the last of the 1,000 (999 % 7)
      [20, 3],
    ]);
  });
});

describe('stepPath', () => {
  const steps: Step[] = [
    { e: 0, t: 0, v: 0 },
    { e: 3, t: 10, v: 2 },
    { e: 5, t: 30, v: 1 },
  ];

  it('draws a step function up to the cursor, then flat to its time', () => {
    expect(vertices(stepPath(steps, 4, 25, id, id))).toEqual([
      [0, 0],
      [10, 0],
      [10, 2],
      [25, 2],
    ]);
    expect(vertices(stepPath(steps, 9, 40, id, id)).at(-1)).toEqual([40, 1]);
    expect(vertices(stepPath(steps, 2, 8, id, id))).toEqual([
      [0, 0],
      [8, 0],
    ]);
  });
});

describe('lagPath', () => {
  const episodes: LagEpisode[] = [
    { fromE: 2, fromT: 10, toE: 4, toT: 30 },
    { fromE: 6, fromT: 50, toE: Infinity, toT: Infinity },
  ];

  it('rises 1 ms per ms while the pair disagrees and drops to 0 when it agrees', () => {
    expect(vertices(lagPath(episodes, 5, 40, id, id))).toEqual([
      [0, 0],
      [10, 0],
      [30, 20],
      [30, 0],
      [40, 0],
    ]);
    // Still apart at the cursor: the line ends at the lag then.
    expect(vertices(lagPath(episodes, 7, 80, id, id)).slice(-2)).toEqual([
      [50, 0],
      [80, 30],
    ]);
    expect(maxLagBy(episodes, 7, 80)).toBe(30);
    expect(maxLagBy(episodes, 7, 60)).toBe(20);
    expect(maxLagBy(episodes, 1, 5)).toBe(0);
  });
});

describe('stackedBands', () => {
  const a: Step[] = [
    { e: 0, t: 0, v: 0 },
    { e: 2, t: 10, v: 1 },
    { e: 4, t: 20, v: 2 },
    { e: 8, t: 60, v: 0 },
  ];
  const b: Step[] = [
    { e: 0, t: 0, v: 0 },
    { e: 3, t: 15, v: 1 },
    { e: 9, t: 70, v: 0 },
  ];
  const none: Step[] = [{ e: 0, t: 0, v: 0 }];

  it('stacks the series that rose above 0, the top edge of the last being the total', () => {
    const bands = stackedBands(
      [
        ['n1', a],
        ['n2', none],
        ['n3', b],
      ],
      9,
      80,
      id,
      id,
    );
    expect(bands.map((band) => band.node)).toEqual(['n1', 'n3']);
    // n3's band sits on n1's: its top is the sum.
    const top = vertices(bands[1]!.d);
    const at = (t: number) => top.filter(([x]) => x === t).map(([, y]) => y);
    expect(at(15)).toContain(2); // 1 + 1
    expect(at(20)).toContain(3); // 2 + 1
    expect(Math.max(...top.map(([, y]) => y))).toBe(3);
    // The longest stretch of each thickness, for the name.
    expect(bands[0]!.stretches).toContainEqual({ fromMs: 20, toMs: 60, lower: 0, upper: 2 });
    expect(bands[1]!.stretches).toContainEqual({ fromMs: 20, toMs: 60, lower: 2, upper: 3 });
  });

  it('shows nothing past the cursor', () => {
    expect(stackedBands([['n1', a]], 1, 5, id, id)).toEqual([]);
    const early = stackedBands([['n1', a]], 2, 12, id, id);
    expect(Math.max(...vertices(early[0]!.d).map(([, y]) => y))).toBe(1);
  });
});

describe('spreadLabels', () => {
  it('moves labels apart without leaving the plot', () => {
    const out = spreadLabels([{ y: 50 }, { y: 52 }, { y: 10 }], 15, 5, 70);
    expect(out.map((l) => l.ly)).toEqual([10, 50, 65]);
    const crowded = spreadLabels([{ y: 60 }, { y: 61 }, { y: 62 }], 15, 5, 70);
    expect(crowded.map((l) => l.ly)).toEqual([40, 55, 70]);
  });
});
