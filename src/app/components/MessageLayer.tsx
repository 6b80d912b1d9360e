// Messages in flight as labelled glyphs gliding along chords. Placeholder
// rendering; the full layer (shapes per kind, drops fading, hover payload)
// lives here.

import type { ClusterView } from '../../sim/timeline';
import { labelOf } from '../../sim/messages';
import { lerp, messageProgress, type RingLayout } from '../geometry/ringLayout';

export function MessageLayer({ layout, view, timeMs }: { layout: RingLayout; view: ClusterView; timeMs: number }) {
  return (
    <g className="messages">
      {[...view.inFlight.values()].map((m) => {
        const from = layout.nodes.get(m.from)!.point;
        const to = layout.nodes.get(m.to)!.point;
        const p = lerp(from, to, messageProgress(m.sentMs, m.arriveMs, timeMs));
        return (
          <g key={m.id} className={`msg msg-${m.type}`} transform={`translate(${p.x},${p.y})`}>
            <circle r={16} />
            <text textAnchor="middle" dominantBaseline="central">
              {labelOf(m.msg)}
            </text>
          </g>
        );
      })}
    </g>
  );
}
