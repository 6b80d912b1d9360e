import { describe, expect, it } from 'vitest';
import { OVERSCAN, scrollTopFor, spanFor, type Metrics } from './windowing';

const m: Metrics = { rowHeight: 40, bodyTop: 30, viewport: 430 }; // 10 rows below the header row

describe('windowing', () => {
  it('draws the rows in view and OVERSCAN more each side, within the list', () => {
    expect(spanFor(0, m, 200_000)).toEqual({ start: 0, end: 10 + OVERSCAN });
    // Scrolled so that row 1,000 sits at the top of the body.
    expect(spanFor(30 + 1000 * 40, m, 200_000)).toEqual({ start: 1000 - OVERSCAN, end: 1011 + OVERSCAN });
    expect(spanFor(30 + 199_995 * 40, m, 200_000)).toEqual({ start: 199_995 - OVERSCAN, end: 200_000 });
    expect(spanFor(0, m, 3)).toEqual({ start: 0, end: 3 });
    expect(spanFor(0, m, 0)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls the least that shows a row whole below the sticky header, or centres it', () => {
    // Already in view: no move.
    expect(scrollTopFor(3, 0, m, 'nearest')).toBe(0);
    // Below: its bottom meets the viewport's.
    expect(scrollTopFor(20, 0, m, 'nearest')).toBe(30 + 21 * 40 - 430);
    // Above: its top meets the header row's bottom.
    expect(scrollTopFor(5, 10_000, m, 'nearest')).toBe(5 * 40);
    const top = scrollTopFor(5000, 0, m, 'center');
    const rowTop = 30 + 5000 * 40 - top;
    expect(rowTop - 30).toBeCloseTo(430 - rowTop - 40, 5);
    expect(scrollTopFor(0, 500, m, 'center')).toBe(0);
  });
});
