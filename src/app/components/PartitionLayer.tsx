// A partition drawn as a dashed outline around each group of nodes: a band
// along the ring over each run of the group's neighbouring nodes, so each
// outline holds exactly its group's members (partitionOutline.ts). A group
// may be in several pieces, so each piece carries its group's letter, and
// each group has its own dash pattern.

import { useMemo } from 'react';
import type { NodeId } from '../../sim/types';
import { groupLetter, labelPoint, outlinePath, partitionRuns } from '../geometry/partitionOutline';
import { CENTER, type RingLayout } from '../geometry/ringLayout';
import './partition.css';

export function PartitionLayer({ layout, groups }: { layout: RingLayout; groups: readonly (readonly NodeId[])[] }) {
  const runs = useMemo(() => partitionRuns(new Map([...layout.nodes].map(([id, n]) => [id, n.angle])), groups), [layout, groups]);
  if (groups.length < 2) return null;
  return (
    <g className="partitions" transform={`translate(${CENTER},${CENTER})`}>
      {groups.map((g, i) => (
        <path key={i} d={outlinePath(runs.filter((r) => r.group === i))} className={`partition side-${i % 3}`} data-group={i} data-members={g.join(' ')} />
      ))}
      {runs.map((r) => {
        const p = labelPoint(r);
        return (
          <text key={`${r.group}-${r.members[0]}`} x={p.x} y={p.y} className="partition-label" textAnchor="middle" dominantBaseline="middle">
            {groupLetter(r.group)}
          </text>
        );
      })}
    </g>
  );
}
