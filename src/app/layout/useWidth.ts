// The width of an element, followed as it resizes: charts that draw in
// pixels (the space-time diagram, the monitoring plots) lay out for it.

import { useEffect, useState } from 'react';

/** `[width, ref]`: pass `ref` as the element's `ref`; `width` starts at
 *  `initial` and follows the element's content width (whole pixels). */
export function useWidth(initial: number): [number, (el: HTMLDivElement | null) => void] {
  const [width, setWidth] = useState(initial);
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined && w > 0) setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return [width, setEl];
}
