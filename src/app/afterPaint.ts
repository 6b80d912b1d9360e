// Work that must not hold up the next frame (writing the address bar after
// an edit, say) runs once that frame has painted: a frame's
// requestAnimationFrame callbacks run before its paint, and a task queued
// from one of them runs after it. A hidden page paints no frames and runs no
// frame callbacks, so there the work runs in a task of its own.

/** Runs `fn` after the next frame has painted. Returns a function that cancels it. */
export function afterPaint(fn: () => void): () => void {
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
