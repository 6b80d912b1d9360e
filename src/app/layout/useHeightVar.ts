// Publishes an element's height as a CSS custom property on the root
// element (`--strip-h: 58px`), kept current as the element resizes. The
// stylesheet uses these to keep sticky and fixed bars from covering content:
// the page's scroll padding (so focus and scrollIntoView stop above the time
// strip), the room the phone's bottom sheet and time strip take, and how
// large the ring may be so that it fits the first screen.

import { useLayoutEffect, type RefObject } from 'react';

/** `shown`: whether the element is rendered now (for a component that
 *  renders it only sometimes), so the measuring starts when it appears. */
export function useHeightVar(ref: RefObject<HTMLElement | null>, name: `--${string}`, shown = true): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof document === 'undefined') return;
    const root = document.documentElement;
    // offsetHeight is 0 for an element that is not displayed.
    const set = () => root.style.setProperty(name, `${el.offsetHeight}px`);
    set();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(set);
    observer?.observe(el, { box: 'border-box' });
    return () => {
      observer?.disconnect();
      root.style.removeProperty(name);
    };
  }, [ref, name, shown]);
}
