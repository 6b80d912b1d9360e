// Work that must not hold up what the page is drawing (writing the address
// bar after an edit, say) runs when the browser is idle: after the next frame
// has painted and after the renders React still has pending, such as the
// story's, which it draws just after a new run's first frame (Story.tsx).

/** Runs `fn` once the page is idle, or after `timeoutMs` at the latest.
 *  Returns a function that cancels it. */
export function whenIdle(fn: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  return afterPaint(fn);
}

/** Without requestIdleCallback (Safari): after the next frame has painted.
 *  A frame's requestAnimationFrame callbacks run before its paint, and a
 *  task queued from one of them runs after it. A hidden page paints no
 *  frames and runs no frame callbacks, so there the work runs in a task of
 *  its own. */
function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame === 'undefined' || typeof document === 'undefined' || document.visibilityState === 'hidden') {
    timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
