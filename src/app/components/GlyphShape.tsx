// A message kind's outline, as the ring, the legend and the lost-message
// mark draw it (centred on 0, 0).

import { glyphOutline, KIND_INFO, type GlyphKind, type GlyphOutline } from '../messageKinds';

const OUTLINES = Object.fromEntries(Object.values(KIND_INFO).map((info) => [info.kind, glyphOutline(info)])) as Record<GlyphKind, GlyphOutline>;

export function GlyphShape({ kind, className = 'glyph-shape' }: { kind: GlyphKind; className?: string }) {
  const o = OUTLINES[kind];
  return o.tag === 'rect' ? <rect className={className} x={o.x} y={o.y} width={o.width} height={o.height} rx={o.rx} /> : <polygon className={className} points={o.points} />;
}
