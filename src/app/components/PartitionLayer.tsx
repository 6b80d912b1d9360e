// A partition drawn as a dashed boundary around each group of nodes.

import type { NodeId } from '../../sim/types';
import { CENTER, type RingLayout } from '../geometry/ringLayout';

export function PartitionLayer({ layout, groups }: { layout: RingLayout; groups: readonly (readonly NodeId[])[] }) {
  if (groups.length < 2) return null;
  return (
    <g className="partitions">
      {groups.map((g, i) => {
        const pts = g.map((id) => layout.nodes.get(id)!.point);
        const cx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
        const cy = pts.reduce((s, p) => s + p.y, 0) / pts.length;
        const r = Math.max(80, ...pts.map((p) => Math.hypot(p.x - cx, p.y - cy) + 70));
        return <circle key={i} cx={(cx + CENTER) / 2 + (cx - CENTER) / 2} cy={(cy + CENTER) / 2 + (cy - CENTER) / 2} r={r} className="partition" />;
      })}
    </g>
  );
}
