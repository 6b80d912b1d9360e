// When an action taken at the Timeline's position runs. The kernel runs a
// step before the messages and timers due at the same instant, so a step
// placed at exactly the cursor's time would run before events the user has
// already seen happen at that instant (two responses delivered at 40 ms
// would be in flight again). Such a step goes just after that instant
// instead: at the next thousandth of a millisecond, or at the next event's
// time if that comes sooner (a step there still runs before it).

/**
 * The `at` for a step acted at `cursor`.
 * @param times virtual time of each event (index 0 is the start, at 0 ms)
 * @param isStep whether event `e` (1-based) is a scenario step
 */
export function actionTime(times: ArrayLike<number>, events: number, cursor: number, isStep: (e: number) => boolean): number {
  const now = times[cursor] ?? 0;
  let seenAtNow = false;
  for (let e = cursor; e >= 1 && times[e] === now; e--) {
    if (!isStep(e)) {
      seenAtNow = true;
      break;
    }
  }
  // Only steps happened at this instant: one more step after them, at the
  // same time, keeps the list order and shows nothing undone.
  if (!seenAtNow) return now;
  let next = Infinity;
  for (let e = cursor + 1; e <= events; e++) {
    if (times[e]! > now) {
      next = times[e]!;
      break;
    }
  }
  let tidy = (Math.floor(now * 1000) + 1) / 1000;
  while (tidy <= now) tidy += 0.001;
  return Math.min(tidy, next);
}
