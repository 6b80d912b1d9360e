import { describe, expect, it } from 'vitest';
import { arrowHeadPath, crossPath, defaultWindowMs, laneHeight, windowStartMs } from './spaceTime';

describe('space-time window', () => {
  it('keeps the cursor in the middle half of the window, moving in half-window steps', () => {
    for (let now = 40; now < 1000; now += 3.5) {
      const start = windowStartMs(now, 80);
      expect(now - start).toBeGreaterThanOrEqual(20);
      expect(start + 80 - now).toBeGreaterThan(20);
      expect((start + 20) % 40).toBe(0);
    }
    // Near the start the window starts at 0.
    expect(windowStartMs(0, 80)).toBe(0);
    expect(windowStartMs(39, 80)).toBe(0);
    // Within a step the window stays put.
    expect(windowStartMs(41, 80)).toBe(windowStartMs(79, 80));
  });

  it('sizes the window by latency and lanes by node count', () => {
    expect(defaultWindowMs(5)).toBe(80);
    expect(defaultWindowMs(0)).toBe(10);
    expect(laneHeight(5)).toBe(40);
    expect(laneHeight(64)).toBe(22);
    expect(laneHeight(10)).toBe(26);
  });

  it('draws an arrowhead with its tip on the end point, and a cross around a point', () => {
    expect(arrowHeadPath(0, 0, 100, 0)).toMatch(/^M100,0L/);
    expect(crossPath(10, 10, 5)).toBe('M5,5L15,15M15,5L5,15');
  });
});
