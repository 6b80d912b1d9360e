// The staleness explorer: how stale is "eventually consistent"? The PBS
// model of Bailis et al. (VLDB 2012) — src/staleness — for any N, R, W and
// per-leg latencies (write, ack, read, response), run as a Monte Carlo in a
// worker whose curve fills the plot as trials finish: the probability that
// a read started t ms after a write committed returns it, the 99.9 % point
// marked, several configurations overlaid, and the closed form for reading
// one of the last k versions. Loaded only when opened.

import { useCallback, useEffect, useRef, useState } from 'react';
import { configError, parseDistribution, pWithinK, PRESETS, type LegsText, type WarsConfig } from '../../staleness';
import { checkError, keysWithin, type ClusterMode, type ClusterPoint } from '../../staleness/cluster';
import type { ClusterReply, ClusterRequest } from './clusterWorker';
import type { ModelReply, ModelRequest } from './stalenessWorker';
import { StalenessChart, type ClusterSeries, type Curve } from './StalenessChart';
import { formatCount } from '../format';
import './staleness.css';

/** The t values the table lists for every curve. */
const TABLE_TS = [0, 1, 5, 10, 50, 100];
const LEGS = ['W', 'A', 'R', 'S'] as const;
const LEG_WORDS: Record<(typeof LEGS)[number], string> = {
  W: 'W: the write reaching a replica',
  A: 'A: its ack coming back',
  R: 'R: a read reaching a replica',
  S: 'S: its response coming back',
};

/** The cluster's two configurations, as the chart, the table and the summary name them. */
const MODE_LABELS: Record<ClusterMode, string> = {
  wars: 'Cluster as WARS assumes (no read repair, hinted handoff or anti-entropy)',
  repair: 'Cluster with read repair, hinted handoff and anti-entropy',
};
/**
 * Messages per configuration of a check: enough keys for intervals of a few
 * points, few enough that the check takes seconds (the repair run costs
 * more per message: repairs and Merkle sessions).
 */
const CHECK_MESSAGES: Record<ClusterMode, number> = { wars: 30_000, repair: 12_000 };

/**
 * Where the cluster reads: points of the model's own plot grid (0 to
 * 1.5 × t999 in 160 steps, as stalenessWorker.ts's plotGrid computes it), so
 * the model's value at each is on its curve exactly; spread over the plot,
 * denser where the curve climbs.
 */
function checkTimes(t999: number): number[] {
  const end = Math.max(1, 1.5 * t999);
  return [...new Set([0, 5, 11, 21, 32, 48, 72, 104].map((i) => (end * i) / 160))];
}

interface Check {
  /** The model curve the check was run for. */
  curveId: number;
  label: string;
  ts: number[];
  series: Partial<Record<ClusterMode, ClusterPoint[]>>;
}

interface Form {
  n: string;
  r: string;
  w: string;
  legs: LegsText;
  trials: string;
}

type Parsed = { ok: true; config: WarsConfig; trials: number; label: string } | { ok: false; error: string };

function parseForm(f: Form): Parsed {
  const whole = (name: string, text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text) : `${name} must be a whole number, not “${text}”`);
  const n = whole('N', f.n);
  const r = whole('R', f.r);
  const w = whole('W', f.w);
  const trials = whole('Trials', f.trials);
  for (const v of [n, r, w, trials]) if (typeof v === 'string') return { ok: false, error: v };
  if ((trials as number) < 1000 || (trials as number) > 2_000_000) return { ok: false, error: 'Trials must be between 1,000 and 2,000,000' };
  const legs = {} as WarsConfig['legs'];
  for (const leg of LEGS) {
    const d = parseDistribution(f.legs[leg].trim());
    if (!d.ok) return { ok: false, error: `${leg}: ${d.error}` };
    legs[leg] = d.dist;
  }
  const config: WarsConfig = { n: n as number, r: r as number, w: w as number, legs };
  const bad = configError(config);
  if (bad) return { ok: false, error: bad };
  const same = LEGS.every((l) => f.legs[l].trim() === f.legs.W.trim());
  const legText = same ? `all legs ${f.legs.W.trim()}` : LEGS.map((l) => `${l} ${f.legs[l].trim()}`).join(', ');
  return { ok: true, config, trials: trials as number, label: `N=${n as number}, R=${r as number}, W=${w as number}; ${legText}` };
}

const START: Form = { n: '3', r: '1', w: '1', legs: { ...PRESETS[0]!.legs }, trials: '100000' };

let nextId = 1;

const FIRST = parseForm(START) as Extract<Parsed, { ok: true }>;

export default function StalenessExplorer({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState<Form>(START);
  const [current, setCurrent] = useState<Curve | null>(null);
  // The first curve, the paper's exponential setup, runs on opening.
  const [progress, setProgress] = useState<{ done: number; total: number } | null>({ done: 0, total: FIRST.trials });
  const [kept, setKept] = useState<Curve[]>([]);
  const [error, setError] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [checkProgress, setCheckProgress] = useState<{ done: number; total: number } | null>(null);
  const [checkFailure, setCheckFailure] = useState<string | null>(null);
  const checkWorker = useRef<Worker | null>(null);

  const stopCheck = useCallback(() => {
    checkWorker.current?.terminate();
    checkWorker.current = null;
    setCheckProgress(null);
  }, []);

  /** Runs the engine on the current curve's configuration, in a worker of its own. */
  const startCheck = (curve: Curve) => {
    checkWorker.current?.terminate();
    const ts = checkTimes(curve.t999);
    const runs = (['wars', 'repair'] as const).map((mode) => ({ mode, keys: keysWithin(curve.config.n, ts, CHECK_MESSAGES[mode]) }));
    const w = new Worker(new URL('./clusterWorker.ts', import.meta.url), { type: 'module' });
    checkWorker.current = w;
    setCheck({ curveId: curve.id, label: curve.label, ts, series: {} });
    setCheckFailure(null);
    setCheckProgress({ done: 0, total: runs.reduce((sum, r) => sum + r.keys, 0) });
    w.onmessage = (e: MessageEvent<ClusterReply>) => {
      if (checkWorker.current !== w) return;
      const reply = e.data;
      if (reply.kind === 'progress') setCheckProgress({ done: reply.done, total: reply.total });
      else if (reply.kind === 'result') setCheck((c) => c && { ...c, series: { ...c.series, [reply.mode]: reply.points } });
      else {
        if (reply.kind === 'error') setCheckFailure(reply.message);
        stopCheck();
      }
    };
    const request: ClusterRequest = { config: curve.config, ts, runs, seed: 1 };
    w.postMessage(request);
  };

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
  }, []);

  /** Runs the model in a fresh worker; its replies fill the current curve. */
  const start = useCallback(
    ({ config, trials, label }: Extract<Parsed, { ok: true }>) => {
      worker.current?.terminate();
      const w = new Worker(new URL('./stalenessWorker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      const id = nextId++;
      w.onmessage = (e: MessageEvent<ModelReply>) => {
        if (worker.current !== w) return;
        const { done, total, points, t999 } = e.data;
        setCurrent({ id, label, config, points, t999, trials: done });
        if (done >= total) stop();
        else setProgress({ done, total });
      };
      const request: ModelRequest = { config, trials, seed: 1, ts: TABLE_TS };
      w.postMessage(request);
    },
    [stop],
  );

  useEffect(() => {
    start(FIRST);
    return () => {
      worker.current?.terminate();
      checkWorker.current?.terminate();
    };
  }, [start]);

  const run = (f: Form) => {
    const parsed = parseForm(f);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    // A new curve: the check of the last one no longer belongs on the plot.
    stopCheck();
    setCheck(null);
    setCheckFailure(null);
    setProgress({ done: 0, total: parsed.trials });
    start(parsed);
  };

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const curves = [...kept, ...(current && !kept.some((k) => k.id === current.id) ? [current] : [])];
  const notCheckable = current ? checkError(current.config) : undefined;
  const clusterSeries: ClusterSeries[] = check
    ? (['wars', 'repair'] as const).flatMap((mode) => {
        const points = check.series[mode];
        return points ? [{ mode, label: MODE_LABELS[mode], points }] : [];
      })
    : [];
  const checkedCurve = check ? curves.find((c) => c.id === check.curveId) : undefined;
  return (
    <section className="staleness" aria-labelledby="staleness-title">
      <div className="staleness-head">
        <h2 id="staleness-title">How stale is eventually consistent?</h2>
        <button type="button" onClick={onClose}>
          Back to the ring
        </button>
      </div>
      <p className="hint-text">
        The PBS model (Bailis et al., VLDB 2012): a write goes to all N replicas and commits when W have acked; a read started t ms later returns the first R
        responses, and is consistent if one of them came from a replica that had already applied the write. With W + R &gt; N it always is; below that, how
        likely, and how soon? Each leg&apos;s delay is drawn from its own distribution.
      </p>
      <form
        className="staleness-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(form);
        }}
      >
        <fieldset>
          <legend>Quorums</legend>
          {(['n', 'r', 'w'] as const).map((k) => (
            <label key={k}>
              {k.toUpperCase()}
              <input type="number" min={1} max={1000} value={form[k]} onChange={(e) => set({ [k]: e.target.value })} />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Latencies (ms)</legend>
          <label className="wide">
            Preset
            <select
              value={PRESETS.find((p) => LEGS.every((l) => p.legs[l] === form.legs[l]))?.id ?? ''}
              onChange={(e) => {
                const preset = PRESETS.find((p) => p.id === e.target.value);
                if (preset) set({ legs: { ...preset.legs } });
              }}
            >
              <option value="">custom</option>
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          {LEGS.map((leg) => (
            <label key={leg} className="wide">
              {LEG_WORDS[leg]}
              <input className="mono" value={form.legs[leg]} spellCheck={false} onChange={(e) => set({ legs: { ...form.legs, [leg]: e.target.value } })} />
            </label>
          ))}
          <p className="hint-text">exp:RATE (per ms), fixed:MS, uniform:MIN:MAX, pareto:XM:ALPHA, or mix:P:exp:RATE:pareto:XM:ALPHA.</p>
        </fieldset>
        <fieldset>
          <legend>Run</legend>
          <label>
            Trials
            <input type="number" min={1000} max={2000000} step={1000} value={form.trials} onChange={(e) => set({ trials: e.target.value })} />
          </label>
          <div className="tool-row">
            <button type="submit">Run the model</button>
            <button type="button" disabled={!current || kept.some((k) => k.id === current.id) || progress !== null} onClick={() => current && setKept([...kept, current])}>
              Keep this curve
            </button>
          </div>
        </fieldset>
      </form>
      {error && (
        <p role="alert" className="staleness-error">
          {error}
        </p>
      )}
      {progress && <Progress label="Trials run" unit="trials" {...progress} onCancel={stop} />}
      {curves.length > 0 && <StalenessChart curves={curves} cluster={clusterSeries} describedBy="staleness-cluster-table" />}
      <section className="staleness-cluster" aria-labelledby="staleness-cluster-title">
        <h3 id="staleness-cluster-title">Check it against the cluster</h3>
        <p className="hint-text">
          Runs Ringside&apos;s own engine on a generated scenario with the same N, R, W and per-leg latencies: N + 1 nodes, each key coordinated by the node
          that is not its replica (so every replica is reached over the network, as WARS assumes), one put per key, then a get of that key started exactly t
          ms after the put committed, at each t. A read is fresh when it returns the put&apos;s value. Twice: first with read repair, hinted handoff and
          anti-entropy off, which is what the model assumes (its points should sit on the curve, within their 95 % intervals); then with them on. The model
          knows none of them: read repair makes the replicas a read found stale fresh, and anti-entropy copies the write between reads, so the later reads
          of the same key find it more often and those points rise above the curve; the first read of a key gains nothing from repair. (Hinted handoff
          does nothing here: no node fails.)
        </p>
        {notCheckable && <p className="hint-text">{notCheckable}.</p>}
        <div className="tool-row">
          <button type="button" disabled={!current || progress !== null || checkProgress !== null || notCheckable !== undefined} onClick={() => current && startCheck(current)}>
            Check it against the cluster
          </button>
        </div>
        {checkFailure && (
          <p role="alert" className="staleness-error">
            The cluster check failed: {checkFailure}
          </p>
        )}
        {checkProgress && <Progress label="Cluster keys checked" unit="keys" {...checkProgress} onCancel={stopCheck} />}
        {check && clusterSeries.length > 0 && (
          // Focusable, so a keyboard can scroll the table where it is wider than the screen.
          <div className="table-scroll" role="region" aria-label="The cluster check's figures" tabIndex={0}>
            <table className="data-table staleness-table cluster-table" id="staleness-cluster-table">
              <caption>
                Fresh reads t ms after the write committed: the model, and the cluster with 95 % intervals (Wilson), for {check.label}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Configuration</th>
                  {check.ts.map((t) => (
                    <th key={t} scope="col">
                      t = {ms(t)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {checkedCurve && (
                  <tr>
                    <th scope="row">Model</th>
                    {check.ts.map((t) => (
                      <td key={t}>{percent(modelAt(checkedCurve, t))}</td>
                    ))}
                  </tr>
                )}
                {clusterSeries.map((c) => (
                  <tr key={c.mode}>
                    <th scope="row">
                      {c.label} ({formatCount(c.points[0]?.reads ?? 0)} keys)
                    </th>
                    {c.points.map((p) => (
                      <td key={p.t}>{p.reads === 0 ? '—' : `${percent(p.fresh / p.reads)} (${(100 * p.low).toFixed(1)}–${(100 * p.high).toFixed(1)})`}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {curves.length > 0 && (
        <div className="table-scroll">
        <table className="data-table staleness-table">
          <caption>P(consistent) t ms after the write committed, and the closed form for reading one of the last k versions</caption>
          <thead>
            <tr>
              <th scope="col">Configuration</th>
              {TABLE_TS.map((t) => (
                <th key={t} scope="col">
                  t = {t}
                </th>
              ))}
              <th scope="col">99.9 % at</th>
              <th scope="col">k = 1, 2, 3</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {curves.map((c, i) => (
              <tr key={c.id}>
                <th scope="row">
                  <span className={`swatch curve-${i % 6}`} aria-hidden="true" /> {c.label} ({formatCount(c.trials)} trials)
                </th>
                {TABLE_TS.map((t) => (
                  <td key={t}>{percent(c.points.find((p) => p.t === t)?.pConsistent)}</td>
                ))}
                <td>{c.t999.toFixed(1)} ms</td>
                <td>{[1, 2, 3].map((k) => percent(pWithinK(c.config.n, c.config.r, c.config.w, k))).join(', ')}</td>
                <td>
                  {kept.some((k) => k.id === c.id) && (
                    <button type="button" onClick={() => setKept(kept.filter((k) => k.id !== c.id))}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <p className="hint-text">
        The k columns are the closed form 1 − (C(N−W, R) / C(N, R))<sup>k</sup>: the chance a read returns one of the last k versions when each write reached
        only the W replicas that acked it. The model leaves out what a real cluster does besides: read repair, hinted handoff and anti-entropy only make
        reads fresher. Source and checks: docs/STALENESS.md.
      </p>
    </section>
  );
}

/** The model's P(consistent) at t (a point of its grid: checkTimes). */
function modelAt(curve: Curve, t: number): number | undefined {
  return curve.points.find((p) => p.t === t)?.pConsistent;
}

/** A t for a column head: to 0.1 ms. */
function ms(t: number): string {
  return `${Number(t.toFixed(1))}`;
}

function percent(p: number | undefined): string {
  if (p === undefined) return '—';
  return `${(100 * p).toFixed(p === 1 ? 0 : 1)} %`;
}

/** A worker's progress: a bar named `label`, "done of total unit", Cancel. */
function Progress({ label, unit, done, total, onCancel }: { label: string; unit: string; done: number; total: number; onCancel: () => void }) {
  return (
    <div className="staleness-progress">
      <progress aria-label={label} max={total} value={done} />
      <span>
        {formatCount(done)} of {formatCount(total)} {unit}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
