// The staleness explorer: how stale is "eventually consistent"? The PBS
// model of Bailis et al. (VLDB 2012) — src/staleness — for any N, R, W and
// per-leg latencies (write, ack, read, response), run as a Monte Carlo in a
// worker whose curve fills the plot as trials finish: the probability that
// a read started t ms after a write committed returns it, the 99.9 % point
// marked, several configurations overlaid, and the closed form for reading
// one of the last k versions. Loaded only when opened.

import { useCallback, useEffect, useRef, useState } from 'react';
import { configError, parseDistribution, pWithinK, PRESETS, type LegsText, type WarsConfig } from '../../staleness';
import type { ModelReply, ModelRequest } from './stalenessWorker';
import { StalenessChart, type Curve } from './StalenessChart';
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
    return () => worker.current?.terminate();
  }, [start]);

  const run = (f: Form) => {
    const parsed = parseForm(f);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setProgress({ done: 0, total: parsed.trials });
    start(parsed);
  };

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const curves = [...kept, ...(current && !kept.some((k) => k.id === current.id) ? [current] : [])];
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
      {progress && (
        <div className="staleness-progress">
          <progress aria-label="Trials run" max={progress.total} value={progress.done} />
          <span>
            {progress.done.toLocaleString('en')} of {progress.total.toLocaleString('en')} trials
          </span>
          <button type="button" onClick={stop}>
            Cancel
          </button>
        </div>
      )}
      {curves.length > 0 && <StalenessChart curves={curves} />}
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
                  <span className={`swatch curve-${i % 6}`} aria-hidden="true" /> {c.label} ({c.trials.toLocaleString('en')} trials)
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

function percent(p: number | undefined): string {
  if (p === undefined) return '—';
  return `${(100 * p).toFixed(p === 1 ? 0 : 1)} %`;
}
