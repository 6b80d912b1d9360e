// Drawing messages on a canvas. Each kind's glyph (outline, label, colours
// of the current theme) is drawn once into a small sprite at the canvas's
// scale; a frame is then one clear and one image copy per message. Hundreds
// of moving SVG glyphs cost a software rasteriser ~45 ms a frame; sprites
// cost ~1 ms.

import { GLYPH_FONT, GLYPH_HEIGHT, KINDS, glyphOutline, glyphWidth, type GlyphKind, type KindInfo } from '../messageKinds';

/** Pixels per ring-box unit is `scale`; sprites are drawn at it. */
export interface Painter {
  ctx: CanvasRenderingContext2D;
  scale: number;
  colours: Record<GlyphKind, string>;
  sprites: Map<string, Sprite>;
}

interface Sprite {
  image: HTMLCanvasElement;
  /** Offset from the glyph's centre to the sprite's top-left corner, in pixels. */
  dx: number;
  dy: number;
}

export type SpriteStyle = 'plain' | 'hover' | 'lost';

const VAR_OF: Record<GlyphKind, string> = {
  write: '--msg-write',
  hint: '--msg-hint',
  ack: '--msg-ack',
  read: '--msg-read',
  resp: '--msg-resp',
  repair: '--msg-repair',
  replay: '--msg-replay',
  hash: '--msg-hash',
  sync: '--msg-sync',
};

/** A painter for `canvas`, its sprites in the colours `from`'s CSS variables hold now. */
export function makePainter(canvas: HTMLCanvasElement, from: Element): Painter | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const css = getComputedStyle(from);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const colours = Object.fromEntries(KINDS.map((k) => [k.kind, read(VAR_OF[k.kind], '#1f5fbf')])) as Record<GlyphKind, string>;
  const panel = read('--panel', '#ffffff');
  const danger = read('--danger', '#b3261e');
  const font = read('--font', 'system-ui, sans-serif');
  const scale = canvas.width / 1000;
  const sprites = new Map<string, Sprite>();
  for (const info of KINDS) {
    for (const style of ['plain', 'hover', 'lost'] as const) sprites.set(`${info.kind}:${style}`, drawSprite(info, style, scale, colours[info.kind], panel, danger, font));
  }
  return { ctx, scale, colours, sprites };
}

function drawSprite(info: KindInfo, style: SpriteStyle, scale: number, colour: string, panel: string, danger: string, font: string): Sprite {
  const stroke = (style === 'hover' ? 7 : 4) * scale;
  // As little margin as the outline (or the cross of a lost one) needs: a
  // frame copies every sprite's pixels, so every pixel counts.
  const pad = Math.ceil((style === 'lost' ? 8 * scale : stroke / 2) + 2);
  const w = glyphWidth(info.label) * scale;
  const h = GLYPH_HEIGHT * scale;
  const image = document.createElement('canvas');
  image.width = Math.ceil(w + 2 * pad);
  image.height = Math.ceil(h + 2 * pad);
  const ctx = image.getContext('2d');
  const dx = -image.width / 2;
  const dy = -image.height / 2;
  if (!ctx) return { image, dx, dy };
  ctx.translate(image.width / 2, image.height / 2);
  if (style === 'lost') ctx.globalAlpha = 0.7;
  outline(ctx, info, scale);
  ctx.fillStyle = info.solid ? colour : panel;
  ctx.fill();
  ctx.lineWidth = stroke;
  ctx.strokeStyle = colour;
  if (info.dashed) ctx.setLineDash([7 * scale, 5 * scale]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = info.solid ? panel : colour;
  ctx.font = `800 ${GLYPH_FONT * scale}px ${font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(info.label, 0, 1 * scale);
  if (style === 'lost') {
    const s = (GLYPH_HEIGHT / 2 + 4) * scale;
    ctx.globalAlpha = 1;
    ctx.strokeStyle = danger;
    ctx.lineWidth = 7 * scale;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(-s, -s);
    ctx.lineTo(s, s);
    ctx.moveTo(s, -s);
    ctx.lineTo(-s, s);
    ctx.stroke();
  }
  return { image, dx, dy };
}

function outline(ctx: CanvasRenderingContext2D, info: KindInfo, scale: number): void {
  const o = glyphOutline(info);
  ctx.beginPath();
  if (o.tag === 'rect') {
    ctx.roundRect(o.x * scale, o.y * scale, o.width * scale, o.height * scale, o.rx * scale);
    return;
  }
  o.points.split(' ').forEach((pair, i) => {
    const [x, y] = pair.split(',').map(Number) as [number, number];
    if (i === 0) ctx.moveTo(x * scale, y * scale);
    else ctx.lineTo(x * scale, y * scale);
  });
  ctx.closePath();
}

/** Draw one glyph centred on (x, y) in ring-box units. */
export function drawGlyph(p: Painter, kind: GlyphKind, style: SpriteStyle, x: number, y: number): void {
  const sprite = p.sprites.get(`${kind}:${style}`);
  if (sprite) p.ctx.drawImage(sprite.image, Math.round(x * p.scale + sprite.dx), Math.round(y * p.scale + sprite.dy));
}

/** The dotted line from a glyph to where it is going. */
export function drawTrail(p: Painter, kind: GlyphKind, x0: number, y0: number, x1: number, y1: number): void {
  const { ctx, scale } = p;
  ctx.strokeStyle = p.colours[kind];
  ctx.lineWidth = 3 * scale;
  ctx.setLineDash([3 * scale, 9 * scale]);
  ctx.beginPath();
  ctx.moveTo(x0 * scale, y0 * scale);
  ctx.lineTo(x1 * scale, y1 * scale);
  ctx.stroke();
}
