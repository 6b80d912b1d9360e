// The one legend of message kinds, one click away: a toggle button named
// "Legend" (aria-expanded) over the stage's corner, and a card listing each
// glyph as the ring draws it, its label and what it means.

import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { GLYPH_HEIGHT, KINDS, glyphWidth, type KindInfo } from '../messageKinds';
import { GlyphShape } from './GlyphShape';
import './messages.css';

export function Legend() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="legend" onKeyDown={onKey}>
      <button ref={button} type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Legend
      </button>
      <section id={id} className="legend-panel" aria-label="Legend of message kinds" hidden={!open}>
        <h2>Messages</h2>
        <ul className="legend-list">
          {KINDS.map((k) => (
            <li key={k.kind}>
              <LegendGlyph info={k} />
              <span>
                <span className="legend-word">{k.label}</span> — {k.meaning}
              </span>
            </li>
          ))}
          <li>
            <svg className="legend-glyph" viewBox="-60 -22 120 44" aria-hidden="true" focusable="false">
              <path d="M-16,-16L16,16M16,-16L-16,16" style={{ stroke: 'var(--danger)', strokeWidth: 7, strokeLinecap: 'round', fill: 'none' }} />
            </svg>
            <span>
              <span className="legend-word">lost</span> — a message fades with a cross where it died: halfway if lost at random, at the receiver if it was down or cut off
            </span>
          </li>
        </ul>
        <p>Outline: a request. Solid: its answer. Dashed: it carries a hint. Hover a message on the ring for its contents; the event log lists every one.</p>
        <p>A red ring on a node and a mark under the Timeline flag a stale read (S), a lost write (L) or a resurrection (R).</p>
      </section>
    </div>
  );
}

function LegendGlyph({ info }: { info: KindInfo }) {
  const w = glyphWidth(info.label);
  return (
    <svg
      className={`legend-glyph k-${info.kind}${info.solid ? ' solid' : ''}${info.dashed ? ' dashed' : ''}`}
      viewBox={`${-Math.max(60, w / 2 + 4)} ${-GLYPH_HEIGHT / 2 - 3} ${Math.max(120, w + 8)} ${GLYPH_HEIGHT + 6}`}
      aria-hidden="true"
      focusable="false"
    >
      <GlyphShape kind={info.kind} />
      <text textAnchor="middle" dominantBaseline="central">
        {info.label}
      </text>
    </svg>
  );
}
