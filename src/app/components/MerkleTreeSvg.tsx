// One replica's Merkle tree in a comparison, as SVG: the nodes the layout
// kept, coloured and marked by the session's verdict (= equal, ≠ differs,
// … hash on its way), collapsed subtrees as small triangles, and the keys of
// differing leaves with a mark on those synced into this replica.

import type { NodeId } from '../../sim/types';
import { clip, isolate } from '../format';
import { hashHex, type ComparisonLayout, type DrawnNode } from '../explain/merkleLayout';
import type { Comparison, SessionAt } from '../explain/sessionStory';

const STATE_WORD: Record<Comparison, string> = { 'in flight': 'hash on its way', equal: 'equal', differs: 'differs', lost: 'hash lost' };
const STATE_GLYPH: Record<Comparison, string> = { 'in flight': '…', equal: '=', differs: '≠', lost: '✕' };

function nodeClass(n: DrawnNode): string {
  if (n.state) return `mnode s-${n.state.replace(' ', '-')}`;
  return n.differsNow ? 'mnode s-unchecked-diff' : 'mnode s-unchecked';
}

export function TreeSvg({ layout, owner, side, synced }: { layout: ComparisonLayout; owner: NodeId; side: 'a' | 'b'; synced: SessionAt['synced'] }) {
  const diffLeaves = layout.nodes.filter((n) => n.level === layout.depth && (n.state === 'differs' || n.differsNow));
  const summary = `${owner}'s tree: ${layout.nodes.filter((n) => n.state !== undefined).length} nodes compared${diffLeaves.length > 0 ? `, ${diffLeaves.length} differing leaf${diffLeaves.length === 1 ? '' : 'ves'}` : ''}`;
  const labelRoom = layout.nodes.some((n) => n.keys.length > 0 && n.level === layout.depth) ? 44 : 8;
  return (
    <figure className="tree-figure">
      <figcaption>{owner}'s tree</figcaption>
      <svg viewBox={`0 0 ${layout.width} ${layout.height + labelRoom}`} className="merkle-svg" role="img" aria-label={summary}>
        {layout.links.map((l, i) => {
          const hot = l.to.state === 'differs' || (l.to.state === undefined && l.to.differsNow);
          return <line key={i} x1={l.from.x} y1={l.from.y} x2={l.to.x} y2={l.to.y} className={`mlink${hot ? ' hot' : ''}${l.to.skippedAbove > 0 ? ' skip' : ''}`} />;
        })}
        {layout.nodes.map((n) => {
          const hash = side === 'a' ? n.hashA : n.hashB;
          const isLeaf = n.level === layout.depth;
          const tip = `level ${n.level}${isLeaf ? ' (leaf)' : ''}, node ${n.index + 1} of ${2 ** n.level}: hash ${hashHex(hash)}${n.state ? ` — ${STATE_WORD[n.state]}` : n.differsNow ? ' — differs, not compared yet' : ''}`;
          return (
            <g key={`${n.level}:${n.index}`} className={nodeClass(n)} transform={`translate(${n.x},${n.y})`}>
              <title>{tip}</title>
              <circle r={9} />
              <text className="glyph" textAnchor="middle" dominantBaseline="central">
                {n.state ? STATE_GLYPH[n.state] : ''}
              </text>
              {n.hiddenLeaves > 0 && <path d="M -6 13 L 6 13 L 0 21 Z" className="collapsed" />}
              {isLeaf && n.keys.length > 0 && (n.state === 'differs' || n.differsNow || synced.some((s) => n.keys.includes(s.key))) && (
                <LeafKeys n={n} owner={owner} synced={synced} />
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function LeafKeys({ n, owner, synced }: { n: DrawnNode; owner: NodeId; synced: SessionAt['synced'] }) {
  const shown = n.keys.slice(0, 2);
  return (
    <text className="leaf-keys" textAnchor="middle" y={24}>
      {shown.map((k, i) => {
        const got = synced.some((s) => s.key === k && s.node === owner);
        return (
          <tspan key={k} x={0} dy={i === 0 ? 0 : 13} className={got ? 'synced' : undefined}>
            {clip(isolate(k), 8)}
            {got ? ' ⇐' : ''}
          </tspan>
        );
      })}
      {n.keys.length > 2 && (
        <tspan x={0} dy={13}>
          +{n.keys.length - 2}
        </tspan>
      )}
    </text>
  );
}


/** "· dotted: levels 3–12 not drawn" when the layout skipped levels. */
export function skipped(layout: ComparisonLayout): string {
  const drawn = new Set(layout.nodes.map((n) => n.level));
  const hidden = Array.from({ length: layout.depth + 1 }, (_, l) => l).filter((l) => !drawn.has(l));
  if (hidden.length === 0) return '';
  const runs: string[] = [];
  for (let i = 0; i < hidden.length; ) {
    let j = i;
    while (j + 1 < hidden.length && hidden[j + 1] === hidden[j]! + 1) j++;
    runs.push(i === j ? `${hidden[i]}` : `${hidden[i]}–${hidden[j]}`);
    i = j + 1;
  }
  return ` · dotted line: level${hidden.length === 1 ? '' : 's'} ${runs.join(', ')} not drawn`;
}
