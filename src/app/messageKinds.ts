// The nine kinds of message a person sees, with the glyph each wears on the
// ring, in the space-time diagram and in the legend. A kind has a colour and
// a label, and its outline says what family it belongs to, so it still reads
// in greyscale and on a washed-out projector:
//   round outline  = a request (W, R, hint)     round solid = its answer (ack, resp)
//   pointed outline = a repair or a replayed hint
//   square outline = a Merkle hash              square solid = a sync of keys
//   dashed outline = it carries a hint (hint, replay)

import type { Message } from '../sim/messages';

export type GlyphKind = 'write' | 'hint' | 'ack' | 'read' | 'resp' | 'repair' | 'replay' | 'hash' | 'sync';
export type GlyphShape = 'round' | 'pointed' | 'square';

export interface KindInfo {
  kind: GlyphKind;
  /** The short label a glyph wears (UI.md: W, ack, R, resp, repair, hint, replay, hash, sync). */
  label: string;
  /** A few words for the legend. */
  meaning: string;
  shape: GlyphShape;
  solid: boolean;
  dashed: boolean;
}

/** In legend order: the write path, the read path, then repair and anti-entropy. */
export const KINDS: readonly KindInfo[] = [
  { kind: 'write', label: 'W', meaning: 'write: store this value', shape: 'round', solid: false, dashed: false },
  { kind: 'hint', label: 'hint', meaning: 'write to a stand-in, kept for a down node', shape: 'round', solid: false, dashed: true },
  { kind: 'ack', label: 'ack', meaning: 'a replica confirms it stored the value', shape: 'round', solid: true, dashed: false },
  { kind: 'read', label: 'R', meaning: 'read: send me your copy', shape: 'round', solid: false, dashed: false },
  { kind: 'resp', label: 'resp', meaning: "a replica's copy, answering a read", shape: 'round', solid: true, dashed: false },
  { kind: 'repair', label: 'repair', meaning: 'read repair: the newest version for a stale replica', shape: 'pointed', solid: false, dashed: false },
  { kind: 'replay', label: 'replay', meaning: 'a stand-in hands a hint back to its home node', shape: 'pointed', solid: false, dashed: true },
  { kind: 'hash', label: 'hash', meaning: 'anti-entropy compares Merkle-tree hashes', shape: 'square', solid: false, dashed: false },
  { kind: 'sync', label: 'sync', meaning: 'anti-entropy sends the keys that differ', shape: 'square', solid: true, dashed: false },
];

export const KIND_INFO: Readonly<Record<GlyphKind, KindInfo>> = Object.fromEntries(KINDS.map((k) => [k.kind, k])) as Record<GlyphKind, KindInfo>;

export function glyphKindOf(msg: Message): GlyphKind {
  switch (msg.type) {
    case 'write':
      return msg.hintFor ? 'hint' : 'write';
    case 'writeAck':
    case 'repairAck':
    case 'replayAck':
      return 'ack';
    case 'read':
      return 'read';
    case 'readResp':
      return 'resp';
    case 'repair':
      return 'repair';
    case 'replay':
      return 'replay';
    case 'merkle':
      return 'hash';
    case 'sync':
      return 'sync';
  }
}

/** Glyph label size in the ring's 1000-unit box: about 18 px on a 1280×720 stage. */
export const GLYPH_FONT = 34;
export const GLYPH_HEIGHT = 48;

/** Width of a kind's glyph: a circle for one letter, a pill for a word. */
export function glyphWidth(label: string, font = GLYPH_FONT, height = GLYPH_HEIGHT): number {
  return label.length <= 1 ? height : Math.round(label.length * font * 0.62 + font * 0.6);
}

export type GlyphOutline =
  | { tag: 'rect'; x: number; y: number; width: number; height: number; rx: number }
  | { tag: 'polygon'; points: string };

/** The outline of a glyph centred on (0, 0). Rounded rectangles and
 *  polygons, not general paths: hundreds of them are redrawn every frame,
 *  and a rasteriser draws these much faster than stroked arcs. */
export function glyphOutline(info: KindInfo, font = GLYPH_FONT, height = GLYPH_HEIGHT): GlyphOutline {
  const w = glyphWidth(info.label, font, height);
  const hw = w / 2;
  const hh = height / 2;
  switch (info.shape) {
    case 'round':
      return { tag: 'rect', x: -hw, y: -hh, width: w, height, rx: hh };
    case 'square':
      return { tag: 'rect', x: -hw, y: -hh, width: w, height, rx: 0 };
    case 'pointed': {
      const d = hh * 0.7;
      return { tag: 'polygon', points: `${-hw},0 ${-hw + d},${-hh} ${hw - d},${-hh} ${hw},0 ${hw - d},${hh} ${-hw + d},${hh}` };
    }
  }
}
