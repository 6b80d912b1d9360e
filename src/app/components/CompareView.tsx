// Compare: the same steps under two settings, side by side, on one
// timeline of virtual time, with the outcomes that differ highlighted.
// Each side has a store of its own; its node buttons are named after its
// side ("Sloppy quorum: n1, up"), so the page keeps one `Node n1, …`
// button per node (contract 3) — the main ring is not shown meanwhile.

import { useMemo, useState } from 'react';
import type { SimScenario } from '../../sim/types';
import { StoreContext } from '../context';
import { createAppStore } from '../state/store';
import { runOf } from '../state/run';
import { eventAtTime } from '../lessons/stages';
import { compareOutcomes, variantOf, type CompareSpec } from '../lessons/compare';
import { METRIC_WORDS } from './MetricsPanel';
import { RingStage } from './RingStage';
import { formatMs } from '../format';

export function CompareView({ base, spec, onClose }: { base: SimScenario; spec: CompareSpec; onClose: () => void }) {
  const sides = useMemo(() => {
    const make = (side: CompareSpec['a']) => {
      const scenario = variantOf(base, side);
      return { label: side.label, store: createAppStore(scenario), run: runOf(scenario) };
    };
    return [make(spec.a), make(spec.b)] as const;
  }, [base, spec]);
  const endMs = Math.max(...sides.map((s) => s.run.timeline.eventTimes[s.run.events] ?? 0));
  const [timeMs, setTime] = useState(0);
  const moveTo = (t: number) => {
    setTime(t);
    for (const s of sides) s.store.setState({ cursor: eventAtTime(s.run.timeline, t), playTimeMs: t });
  };
  const rows = useMemo(() => compareOutcomes(sides[0].run.report(), sides[1].run.report()), [sides]);
  const metricsA = sides[0].run.timeline.at(eventAtTime(sides[0].run.timeline, timeMs)).metrics;
  const ma = { ...metricsA };
  const mb = { ...sides[1].run.timeline.at(eventAtTime(sides[1].run.timeline, timeMs)).metrics };

  return (
    <section className="compare" aria-label={`Compare ${spec.a.label} and ${spec.b.label}`}>
      <header className="compare-head">
        <h2>
          Compare: {spec.a.label} vs {spec.b.label}
        </h2>
        {spec.differs && <p>{spec.differs}</p>}
        <button type="button" onClick={onClose}>
          Close compare
        </button>
      </header>
      <div className="compare-time">
        <input type="range" aria-label="Compare timeline" min={0} max={endMs} step={Math.max(0.5, endMs / 1000)} value={timeMs} onChange={(e) => moveTo(Number(e.currentTarget.value))} />
        <output>{formatMs(timeMs)}</output>
      </div>
      <div className="compare-sides">
        {sides.map((s) => (
          <div key={s.label} className="compare-side">
            <h3>{s.label}</h3>
            <StoreContext.Provider value={s.store}>
              <RingStage nameNode={(id, up) => `${s.label}: ${id}, ${up ? 'up' : 'down'}`} />
            </StoreContext.Provider>
          </div>
        ))}
      </div>
      <table className="compare-table">
        <caption>Outcomes (rows that differ are marked)</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Operation</th>
            <th scope="col">{spec.a.label}</th>
            <th scope="col">{spec.b.label}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.step} className={r.differs ? 'differs' : undefined}>
              <td>{r.step}</td>
              <td>{r.label}</td>
              <td>{r.a}</td>
              <td>
                {r.b}
                {r.differs && <span className="visually-hidden"> (differs)</span>}
              </td>
            </tr>
          ))}
          {METRIC_WORDS.filter(([k]) => ma[k] !== mb[k] || ['staleReads', 'lostWrites', 'resurrections', 'hintsDelivered'].includes(k)).map(([k, words]) => (
            <tr key={k} className={ma[k] !== mb[k] ? 'differs metric-row' : 'metric-row'}>
              <td>—</td>
              <td>{words} (so far)</td>
              <td>{ma[k]}</td>
              <td>
                {mb[k]}
                {ma[k] !== mb[k] && <span className="visually-hidden"> (differs)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
