// The stage: the ring with its nodes, the selected key's position and
// preference list, partitions, and the messages in flight. D3 computes the
// shapes; React renders them. Each node is one HTML button named
// "Node n1, up" / "Node n1, down" (contract 3).

import { useMemo } from 'react';
import { arc } from 'd3-shape';
import { useAppState, useAppStore } from '../context';
import { selectNode } from '../state/actions';
import { useView } from '../state/derived';
import { BOX, CENTER, RADIUS, layoutRing, pointAt } from '../geometry/ringLayout';
import { formatSkew } from '../format';
import { MessageLayer } from './MessageLayer';
import { PartitionLayer } from './PartitionLayer';

/** `nameNode` names the node buttons; the main ring uses contract 3's
 *  "Node n1, up", and a second ring on the page (Compare) must name them
 *  otherwise. `highlight` marks nodes a lesson stage is about. */
export function RingStage({
  nameNode = (id, up) => `Node ${id}, ${up ? 'up' : 'down'}`,
  highlight = [],
}: { nameNode?: (id: string, up: boolean) => string; highlight?: readonly string[] } = {}) {
  const store = useAppStore();
  const { run, view, timeMs } = useView();
  const selectedNode = useAppState((s) => s.selectedNode);
  const selectedKey = useAppState((s) => s.selectedKey);
  const ring = run.kernel.ring;
  const layout = useMemo(() => layoutRing(ring), [ring]);
  const prefs = useMemo(() => (selectedKey === null ? [] : ring.preferenceList(selectedKey)), [ring, selectedKey]);
  const keyAngle = selectedKey === null ? null : layout.angleOfHash(ring.keyHashOf(selectedKey));
  const coordinator = selectedKey === null ? null : latestCoordinator(view.ops, selectedKey);
  const prefArc = useMemo(() => {
    if (keyAngle === null || prefs.length === 0) return null;
    const last = layout.nodes.get(prefs[prefs.length - 1]!)!.angle;
    const end = last < keyAngle ? last + 2 * Math.PI : last;
    return arc()({ innerRadius: RADIUS - 14, outerRadius: RADIUS + 14, startAngle: keyAngle, endAngle: end });
  }, [keyAngle, prefs, layout]);

  return (
    <div className="stage" aria-label="Ring">
      <svg viewBox={`0 0 ${BOX} ${BOX}`} className="ring-svg" aria-hidden="true" focusable="false">
        <circle cx={CENTER} cy={CENTER} r={RADIUS} className="ring-circle" />
        {layout.tokenAngles.map((a, i) => {
          const p = pointAt(a, RADIUS - 22);
          const q = pointAt(a, RADIUS + 22);
          return <line key={i} x1={p.x} y1={p.y} x2={q.x} y2={q.y} className="token-tick" />;
        })}
        {prefArc && <path d={prefArc} transform={`translate(${CENTER},${CENTER})`} className="pref-arc" />}
        {keyAngle !== null && selectedKey !== null && (
          <g className="key-tick">
            <line {...linePoints(keyAngle, RADIUS - 100, RADIUS + 30)} />
            <text {...textAt(keyAngle, RADIUS - 135)} textAnchor="middle" dominantBaseline="middle">
              {selectedKey}
            </text>
          </g>
        )}
        <PartitionLayer layout={layout} groups={view.groups} />
        <MessageLayer layout={layout} run={run} cursor={view.event} timeMs={timeMs} />
      </svg>
      {[...layout.nodes.entries()].map(([id, { point }]) => {
        const node = view.nodes.get(id)!;
        const rank = prefs.indexOf(id);
        const classes = ['node', node.up ? 'up' : 'down', selectedNode === id ? 'selected' : '', rank >= 0 ? 'home' : '', coordinator === id ? 'coordinator' : '', highlight.includes(id) ? 'highlight' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <button
            key={id}
            type="button"
            className={classes}
            style={{ left: `${(point.x / BOX) * 100}%`, top: `${(point.y / BOX) * 100}%` }}
            aria-label={nameNode(id, node.up)}
            aria-pressed={selectedNode === id}
            onClick={() => selectNode(store, id)}
          >
            <span className="node-id" aria-hidden="true">
              {id}
            </span>
            {!node.up && (
              <span className="node-cross" aria-hidden="true">
                ✕
              </span>
            )}
            {node.hints.size > 0 && (
              <span className="badge hints" aria-hidden="true" title={`${node.hints.size} hints held`}>
                {node.hints.size}
              </span>
            )}
            {node.skewMs !== 0 && (
              <span className="skew" aria-hidden="true">
                {formatSkew(node.skewMs)}
              </span>
            )}
            {rank >= 0 && (
              <span className="rank" aria-hidden="true">
                {coordinator === id ? 'C' : `#${rank + 1}`}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

function latestCoordinator(ops: ReadonlyMap<number, { key: string; coordinator: string | null; closed: boolean }>, key: string): string | null {
  let found: string | null = null;
  for (const op of ops.values()) if (op.key === key && !op.closed) found = op.coordinator;
  return found;
}

function linePoints(angle: number, r1: number, r2: number) {
  const a = pointAt(angle, r1);
  const b = pointAt(angle, r2);
  return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
}

function textAt(angle: number, r: number) {
  const p = pointAt(angle, r);
  return { x: p.x, y: p.y };
}
