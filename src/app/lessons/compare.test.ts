import { describe, expect, it } from 'vitest';
import { buildReport, runScenario } from '../../sim/report';
import { makeScenario } from '../../sim/testkit';
import { Ring } from '../../sim/ring';
import { compareOutcomes, COMPARE_PRESETS, variantOf } from './compare';

describe('compare', () => {
  it('isolates client names, keys and values in the outcome table (issue 13)', () => {
    const RLO = '\u202E';
    const base = makeScenario({
      steps: [
        { at: 0, do: 'put', client: `${RLO}a`, key: `${RLO}k`, value: `${RLO}x` },
        { at: 100, do: 'get', client: 'c', key: `${RLO}k` },
      ],
    });
    const report = buildReport(runScenario(base));
    const rows = compareOutcomes(report, report);
    expect(rows.map((r) => r.label)).toEqual([`\u2068${RLO}a\u2069 put \u2068${RLO}k\u2069`, `c get \u2068${RLO}k\u2069`]);
    expect(rows[1]!.a).toBe(`[\u2068${RLO}x\u2069]`);
  });

  it('LWW vs version vectors: concurrent blind writes differ (one value vs two siblings)', () => {
    const c = new Ring(['n1', 'n2', 'n3', 'n4', 'n5'], 1, 3).preferenceList('k')[0]!;
    const base = makeScenario({
      steps: [
        { at: 0, do: 'put', client: 'a', key: 'k', value: 'x', coordinator: c },
        { at: 0, do: 'put', client: 'b', key: 'k', value: 'y', coordinator: c },
        { at: 200, do: 'get', client: 'c', key: 'k', r: 3 },
      ],
    });
    const preset = COMPARE_PRESETS[0]!;
    const a = buildReport(runScenario(variantOf(base, preset.a)));
    const b = buildReport(runScenario(variantOf(base, preset.b)));
    const rows = compareOutcomes(a, b);
    const read = rows.find((r) => r.step === 2)!;
    expect(read.a).toBe('[y]');
    expect(read.b).toBe('[x, y]');
    expect(read.differs).toBe(true);
    // Under LWW the overlapping write of x was acknowledged and then
    // discarded: lost. With version vectors it is kept as a sibling.
    expect(rows.find((r) => r.step === 0)).toMatchObject({ a: 'ok · lost', b: 'ok', differs: true });
    expect(rows.find((r) => r.step === 1)).toMatchObject({ a: 'ok', b: 'ok', differs: false });
  });

  it('keeps W and R within N in a variant', () => {
    const base = makeScenario({ cluster: { n: 3, w: 3, r: 3 }, steps: [] });
    const v = variantOf(base, { label: 'N = 2', cluster: { n: 2 } });
    expect(v.cluster).toMatchObject({ n: 2, w: 2, r: 2 });
  });
});
