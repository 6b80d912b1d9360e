// The story's two views, loaded on their own: the zone sits below the fold,
// so its code (and d3-scale) need not delay the first paint of the ring.

import { memo } from 'react';
import type { AppRun } from '../state/run';
import { SpaceTime } from './SpaceTime';
import { EventLog } from './EventLog';
import { Monitoring } from '../monitoring/Monitoring';

/** `horizon`: the last event the log may show (a lesson's open question).
 *  Memoised: while the story's deferred props wait, the page's own render
 *  passes it by. */
export default memo(function StoryBody({ run, cursor, horizon }: { run: AppRun; cursor: number; horizon: number }) {
  return (
    <>
      <SpaceTime run={run} cursor={cursor} />
      <EventLog run={run} cursor={cursor} horizon={horizon} />
      <Monitoring run={run} cursor={cursor} />
    </>
  );
});
