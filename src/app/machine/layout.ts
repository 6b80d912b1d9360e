// Where the Machine tab puts a chart's states and transitions: laid out by
// dagre (a layered graph layout) in the order a machine runs — left to
// right in a wide panel, top to bottom on a phone — not by hand. This
// module and dagre load only with the Machine tab.

import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { Chart } from './chart';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  states: Map<string, Box>;
  /** Each edge's path (its first point leaves the source, its last reaches
   *  the target) and where its label sits. */
  edges: Map<string, { points: Point[]; label: Point }>;
}

/** Type metrics the chart is drawn with (the SVG scales as a whole). */
export const CHART_FONT = { size: 13, char: 7.4, line: 17 };
const PAD = 10;

/** A state's box: its name, and a line per transition that stays in it. */
export function stateBox(name: string, loops: readonly string[]): { width: number; height: number } {
  const widest = Math.max(name.length * (CHART_FONT.char + 1), ...loops.map((l) => (l.length + 2) * (CHART_FONT.char - 0.8)));
  return { width: Math.ceil(widest + 2 * PAD), height: CHART_FONT.line * (1 + loops.length) + 2 * PAD - (loops.length > 0 ? 0 : 4) };
}

export type ChartDirection = 'LR' | 'TB';

export function layoutChart(chart: Chart, direction: ChartDirection = 'TB'): ChartLayout {
  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: false });
  g.setGraph({ rankdir: direction, nodesep: direction === 'LR' ? 18 : 28, ranksep: direction === 'LR' ? 56 : 44, edgesep: 16, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of chart.states) g.setNode(s.id, stateBox(s.id, s.loops.map((l) => l.text)));
  for (const e of chart.edges) {
    const lines = e.ways.map((w) => w.text);
    const width = Math.max(...lines.map((l) => l.length)) * (CHART_FONT.char - 0.6);
    g.setEdge(e.from, e.to, { width, height: lines.length * (CHART_FONT.line - 2), labelpos: 'c' });
  }
  layout(g);
  const states = new Map<string, Box>();
  for (const s of chart.states) {
    const n = g.node(s.id);
    states.set(s.id, { x: (n.x ?? 0) - n.width / 2, y: (n.y ?? 0) - n.height / 2, width: n.width, height: n.height });
  }
  const edges = new Map<string, { points: Point[]; label: Point }>();
  for (const e of chart.edges) {
    const info = g.edge(e.from, e.to);
    edges.set(e.id, { points: (info.points ?? []).map((p: Point) => ({ x: p.x, y: p.y })), label: { x: info.x ?? 0, y: info.y ?? 0 } });
  }
  const graph = g.graph();
  return { width: graph.width ?? 0, height: graph.height ?? 0, states, edges };
}
