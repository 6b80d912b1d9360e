// The network's fault tools under the ring: a partition drawn by ticking
// group A (the rest form group B), heal, the drop rate, and one anti-entropy
// repair between two chosen nodes. Each appends a step at the cursor (act).

import { useId, useState, type ReactNode } from 'react';
import { useAppState, useAppStore } from '../context';
import { act } from '../state/actions';
import { useView } from '../state/derived';
import type { SimScenario } from '../../sim/types';
import type { ClusterView } from '../../sim/timeline';
import { checkDropRate, checkPartition, checkRepair } from '../operations/validate';
import './operations.css';

/** A labelled field with its note or error beside it. */
export function Field({ id, label, error, note, children }: { id: string; label: string; error?: string | undefined; note?: string | undefined; children: ReactNode }) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span id={`${id}-msg`} role="alert" className="field-error">
          {error}
        </span>
      ) : note ? (
        <span id={`${id}-msg`} className="field-note">
          {note}
        </span>
      ) : null}
    </div>
  );
}

export function PartitionTool({ scenario, view }: { scenario: SimScenario; view: ClusterView }) {
  const store = useAppStore();
  const nodes = scenario.cluster.nodes;
  const [groupA, setGroupA] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const base = useId();
  const checked = checkPartition(groupA, nodes);
  const error = tried && !checked.ok ? checked.errors.groupA : undefined;
  const now = view.groups.length > 0 ? view.groups.map((g) => g.join(', ')).join(' | ') : 'no partition';
  const b = nodes.filter((n) => !groupA.includes(n));
  return (
    <form
      className="ops-tool"
      aria-label="Partition"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (checked.ok) {
          act(store, checked.step);
          setTried(false);
        }
      }}
    >
      <fieldset aria-describedby={`${base}-msg`}>
        <legend>Partition: tick group A; the rest form group B</legend>
        <div className="checks">
          {nodes.map((n) => (
            <span key={n} className="check">
              <input
                id={`${base}-${n}`}
                type="checkbox"
                checked={groupA.includes(n)}
                onChange={(e) => setGroupA((g) => (e.target.checked ? [...g, n] : g.filter((x) => x !== n)))}
              />
              <label htmlFor={`${base}-${n}`}>{n}</label>
            </span>
          ))}
        </div>
        {error ? (
          <span id={`${base}-msg`} role="alert" className="field-error">
            {error}
          </span>
        ) : (
          <span id={`${base}-msg`} className="field-note">
            {groupA.length > 0 && b.length > 0 ? `A: ${nodes.filter((n) => groupA.includes(n)).join(', ')} | B: ${b.join(', ')}` : `now: ${now}`}
          </span>
        )}
      </fieldset>
      <div className="tool-row">
        <button type="submit">Partition</button>
        <button type="button" disabled={view.groups.length === 0 && view.cuts.length === 0} onClick={() => act(store, { do: 'heal' })}>
          Heal
        </button>
      </div>
    </form>
  );
}

export function DropTool({ view }: { view: ClusterView }) {
  const store = useAppStore();
  const [text, setText] = useState(String(Math.round(view.dropRate * 10000) / 100));
  const [tried, setTried] = useState(false);
  const id = useId();
  const checked = checkDropRate(text);
  const error = tried && !checked.ok ? checked.errors.rate : undefined;
  return (
    <form
      className="ops-tool inline"
      aria-label="Drop rate"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (checked.ok) {
          act(store, checked.step);
          setTried(false);
        }
      }}
    >
      <Field id={id} label="Drop rate (%)" error={error} note={`now ${Math.round(view.dropRate * 10000) / 100} % of messages are lost`}>
        <input id={id} type="number" min={0} max={100} step="any" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-msg`} />
      </Field>
      <button type="submit">Set drop rate</button>
    </form>
  );
}

export function RepairTool({ scenario }: { scenario: SimScenario }) {
  const store = useAppStore();
  const selectedKey = useAppState((s) => s.selectedKey);
  const { run } = useView();
  const nodes = scenario.cluster.nodes;
  const prefs = selectedKey === null ? nodes : run.kernel.ring.preferenceList(selectedKey);
  const [pair, setPair] = useState<[string, string]>([prefs[0] ?? nodes[0] ?? '', prefs[1] ?? nodes[1] ?? '']);
  const [tried, setTried] = useState(false);
  const base = useId();
  const checked = checkRepair(pair[0], pair[1], nodes);
  const error = tried && !checked.ok ? checked.errors.nodes : undefined;
  return (
    <form
      className="ops-tool inline"
      aria-label="Anti-entropy repair"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (checked.ok) {
          act(store, checked.step);
          setTried(false);
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${base}-a`}>Anti-entropy between</label>
        <select id={`${base}-a`} value={pair[0]} onChange={(e) => setPair([e.target.value, pair[1]])}>
          {nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${base}-b`}>and</label>
        <select id={`${base}-b`} value={pair[1]} onChange={(e) => setPair([pair[0], e.target.value])} aria-describedby={`${base}-msg`}>
          {nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </div>
      <button type="submit">Repair</button>
      {error && (
        <span id={`${base}-msg`} role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
