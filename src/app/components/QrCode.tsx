// A QR code of a link, drawn as SVG rects from the encoder's matrix (no
// markup strings), so a projected scenario opens on students' phones.

import { encode } from 'uqr';
import { formatCount } from '../format';

/** Byte capacity of the largest QR code at the lowest error correction. */
export const QR_MAX_BYTES = 2953;

export function QrCode({ text, label }: { text: string; label: string }) {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > QR_MAX_BYTES) {
    return (
      <p className="hint-text">
        This link is too long for a QR code ({formatCount(bytes)} characters; a QR code holds at most {formatCount(QR_MAX_BYTES)}). Share the
        link itself instead.
      </p>
    );
  }
  const { data, size } = encode(text, { ecc: 'L', border: 2 });
  const cells: string[] = [];
  data.forEach((row, y) => row.forEach((on, x) => on && cells.push(`M${x} ${y}h1v1h-1z`)));
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}
