import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentText, rateOfPercent } from './percent';

describe('rates as percentages', () => {
  it('shows a rate as a person writes a percentage', () => {
    expect([0, 1, 0.1, 0.25, 0.07, 0.0725, 0.5, 1e-7, 0.123456789].map(percentText)).toEqual(['0', '100', '10', '25', '7', '7.25', '50', '0.00001', '12.3456789']);
  });

  it('reads a percentage as the rate it stands for', () => {
    expect(['10', ' 25 ', '7.25', '100', '0', '.5', '1e1'].map(rateOfPercent)).toEqual([0.1, 0.25, 0.0725, 1, 0, 0.005, 0.1]);
  });

  it('leaves what is not a number as text, for the schema to name', () => {
    expect(['', 'ten', '5%', 'Infinity'].map(rateOfPercent)).toEqual(['', 'ten', '5%', 'Infinity']);
  });

  it('gives back exactly the rate it showed, for any rate', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (rate) => {
        expect(rateOfPercent(percentText(rate))).toBe(rate === 0 ? 0 : rate);
      }),
      { numRuns: 2000 },
    );
  });
});
