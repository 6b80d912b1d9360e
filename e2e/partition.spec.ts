import { expect, test, type Page } from '@playwright/test';
import { encodeScenario, parseScenario } from '../src/scenario';
import { Ring } from '../src/sim/ring';
import type { SimScenario } from '../src/sim/types';

// Issue 14: each partition outline contains exactly its group's nodes, even
// when the groups' nodes alternate around the ring. Checked with the page's
// own geometry: each node button's centre, taken into the outline path's
// coordinates, is inside that path's fill exactly when the node is a member.

/** The nodes in the order they sit on the ring (by their first token), clockwise from 12 o'clock. */
function ringOrder(s: SimScenario): string[] {
  const ring = new Ring(s.cluster.nodes, s.cluster.vnodes, s.cluster.n);
  return [...new Set(ring.tokens.map((t) => t.node))];
}

/** `nodes` nodes, partitioned at t = 10 by dealing them round-robin, in ring order, into `groups` groups. */
function interleaved(nodes: number, groups: number): { link: string; groups: string[][] } {
  const parse = (json: unknown) => {
    const r = parseScenario(json);
    if (!r.ok) throw new Error(r.error);
    return r.scenario;
  };
  const base = parse({ version: 1, cluster: { nodes }, steps: [] });
  const dealt: string[][] = Array.from({ length: groups }, () => []);
  ringOrder(base).forEach((id, i) => dealt[i % groups]!.push(id));
  const scenario = parse({
    version: 1,
    cluster: { nodes },
    steps: [
      { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
      { at: 10, do: 'partition', groups: dealt },
    ],
  });
  return { link: encodeScenario(scenario), groups: dealt };
}

/** For each outline drawn: its members, and the nodes whose centre lies in its fill. */
async function outlines(page: Page): Promise<{ members: string[]; inside: string[]; bands: number }[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll<HTMLButtonElement>('button[aria-label^="Node "]')].map((b) => {
      const r = b.getBoundingClientRect();
      return { id: /^Node (\S+),/.exec(b.getAttribute('aria-label')!)![1]!, x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    return [...document.querySelectorAll<SVGPathElement>('.partitions path')].map((path) => {
      const toPath = path.getScreenCTM()!.inverse();
      const inside = nodes.filter((n) => path.isPointInFill(new DOMPoint(n.x, n.y).matrixTransform(toPath))).map((n) => n.id);
      // Each band is one subpath.
      const bands = (path.getAttribute('d') ?? '').match(/M/g)?.length ?? 0;
      return { members: (path.dataset.members ?? '').split(' '), inside, bands };
    });
  });
}

async function toEnd(page: Page) {
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.focus();
  await page.keyboard.press('End');
  await expect(timeline).toHaveValue((await timeline.getAttribute('max')) ?? '');
}

for (const [nodes, groups] of [
  [5, 2],
  [8, 3],
] as const) {
  test(`${nodes} nodes dealt into ${groups} interleaved groups: each outline holds exactly its group`, async ({ page }) => {
    const s = interleaved(nodes, groups);
    await page.goto(`/${s.link}`);
    await expect(page.locator('.partitions path')).toHaveCount(0);
    await toEnd(page);
    const drawn = await outlines(page);
    expect(drawn.map((o) => [...o.members].sort())).toEqual(s.groups.map((g) => [...g].sort()));
    for (const o of drawn) expect([...o.inside].sort()).toEqual([...o.members].sort());
    // Dealt round-robin, no group has two nodes side by side but the first
    // group across 12 o'clock when the count does not divide: each outline is in pieces.
    for (const o of drawn) expect(o.bands).toBeGreaterThanOrEqual(2);
  });
}

test('the outlines hold their groups on a phone-sized page too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const s = interleaved(5, 2);
  await page.goto(`/${s.link}`);
  await toEnd(page);
  const drawn = await outlines(page);
  expect(drawn).toHaveLength(2);
  for (const o of drawn) expect([...o.inside].sort()).toEqual([...o.members].sort());
});
