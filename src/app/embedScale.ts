// `?embed`: the ring is drawn in an SVG of BOX × BOX user units scaled to
// the iframe, so its 30-unit key label comes out about 8 px in a 480 × 360
// frame. The embed page tells its CSS how many user units make one screen
// pixel (`--ring-px`), and embed.css keeps the label at least 14 px.

import { useCallback, type RefCallback } from 'react';
import { BOX } from './geometry/ringLayout';
import './embed.css';

/** User units of the ring per CSS pixel, for a ring drawn `width` px wide. */
export function ringUnitsPerPx(width: number): number {
  return width > 0 ? BOX / width : 1;
}

/** A ref for the element holding the embed's ring: keeps `--ring-px` on it
 *  current as the ring is resized. */
export function useRingPx(): RefCallback<HTMLElement> {
  return useCallback((holder: HTMLElement | null) => {
    const svg = holder?.querySelector('svg.ring-svg');
    if (!holder || !svg || typeof ResizeObserver === 'undefined') return;
    const update = () => holder.style.setProperty('--ring-px', String(ringUnitsPerPx(svg.getBoundingClientRect().width)));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);
}
