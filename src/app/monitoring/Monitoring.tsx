// The Story's "Monitoring" section: what operators watch in a cluster with
// no leader to measure lag from (seed 003) — read repairs, the hint queue,
// anti-entropy lag and stale reads — as small plots over the run that follow
// the Timeline. The plots (and the series behind them) load on their own,
// once the section is open.

import { lazy, Suspense, useId, useState } from 'react';
import type { AppRun } from '../state/run';
import './monitoring.css';

const MonitoringPlots = lazy(() => import('./MonitoringPlots'));

export function Monitoring({ run, cursor }: { run: AppRun; cursor: number }) {
  const [open, setOpen] = useState(true);
  const headId = useId();
  const bodyId = useId();
  return (
    <section className="monitoring" aria-labelledby={headId}>
      <div className="mon-head">
        <h3 id={headId}>Monitoring</h3>
        <p className="mon-help">What operators watch when there is no leader to measure lag from. Click a plot to move the Timeline there.</p>
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {open ? 'Hide monitoring' : 'Show monitoring'}
        </button>
      </div>
      <div id={bodyId} hidden={!open}>
        {open && (
          <Suspense fallback={<p className="hint-text">Loading the monitoring plots…</p>}>
            <MonitoringPlots run={run} cursor={cursor} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
