import { describe, expect, it } from 'vitest';
import { dropProgress, GLYPH_INSET, trimmedChord } from './messagePath';

describe('trimmedChord', () => {
  it('starts and ends a glyph inset from each node, on the line between them', () => {
    const c = trimmedChord({ x: 0, y: 0 }, { x: 300, y: 400 }, 50);
    expect(c.x0).toBeCloseTo(30);
    expect(c.y0).toBeCloseTo(40);
    expect(c.x1).toBeCloseTo(270);
    expect(c.y1).toBeCloseTo(360);
  });

  it('meets in the middle when two nodes are closer than two insets', () => {
    expect(trimmedChord({ x: 0, y: 0 }, { x: GLYPH_INSET, y: 0 })).toEqual({ x0: GLYPH_INSET / 2, y0: 0, x1: GLYPH_INSET / 2, y1: 0 });
  });
});

describe('dropProgress', () => {
  it('puts a random loss halfway and a blocked one at the receiver', () => {
    expect(dropProgress(10, 20, 15)).toBe(0.5);
    expect(dropProgress(10, 20, 20)).toBe(1);
    expect(dropProgress(10, 10, 10)).toBe(1);
  });
});
