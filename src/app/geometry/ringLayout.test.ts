import { describe, expect, it } from 'vitest';
import { hash32 } from '../../sim/hash';
import { Ring } from '../../sim/ring';
import { layoutRing, messageProgress, RADIUS, CENTER } from './ringLayout';

describe('layoutRing', () => {
  const ring = new Ring(['n1', 'n2', 'n3', 'n4', 'n5'], 1, 3);
  const layout = layoutRing(ring);

  it('puts every node on the circle, none on top of another', () => {
    const points = [...layout.nodes.values()].map((n) => n.point);
    expect(points).toHaveLength(5);
    for (const p of points) expect(Math.hypot(p.x - CENTER, p.y - CENTER)).toBeCloseTo(RADIUS, 6);
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)).toBeGreaterThan(100);
  });

  it('draws a key just before the first node of its preference list, clockwise', () => {
    for (const key of ['cart', 'user:42', 'a', 'zzz', '<script>']) {
      const keyAngle = layout.angleOfHash(hash32(key));
      const home = ring.preferenceList(key)[0]!;
      const homeAngle = layout.nodes.get(home)!.angle || 2 * Math.PI;
      const gap = (homeAngle - keyAngle + 2 * Math.PI) % (2 * Math.PI);
      expect(gap).toBeLessThanOrEqual((2 * Math.PI) / 5 + 1e-9);
    }
  });

  it('message progress is a clamped lerp by time', () => {
    expect(messageProgress(10, 20, 5)).toBe(0);
    expect(messageProgress(10, 20, 15)).toBe(0.5);
    expect(messageProgress(10, 20, 25)).toBe(1);
    expect(messageProgress(10, 10, 10)).toBe(1);
  });
});
