// Under the ring: the key the ring highlights, a form to send a put, get or
// delete, and the network's fault tools (partition, heal, drop rate, an
// anti-entropy repair). Every action appends a step at the cursor's time
// (act), so the scenario, and its link, always reproduce what was done.

import { memo, useId, useMemo, useState } from 'react';
import { useAppState, useAppStore } from '../context';
import { act, selectKey, selectOp } from '../state/actions';
import { useView } from '../state/derived';
import { formatCount, formatMs } from '../format';
import { MAX_KEY_BYTES, MAX_VALUE_BYTES } from '../../scenario/limits';
import type { SimScenario } from '../../sim/types';
import { byteNote, checkRequest, keysOf, type RequestForm, type RequestKind } from '../operations/validate';
import { DropTool, Field, PartitionTool, RepairTool } from './FaultTools';
import './operations.css';

export function OperationsPanel() {
  const { run, view, cursor } = useView();
  const scenario = run.scenario;
  const later = scenario.steps.filter((_, i) => !(run.stepEvent[i]! > 0 && run.stepEvent[i]! <= cursor)).length;
  return (
    <section className="operations" aria-label="Operations">
      <KeyPicker scenario={scenario} />
      <div className="ops-grid">
        <RequestTool scenario={scenario} />
        <div className="ops-faults">
          <PartitionTool scenario={scenario} view={view} />
          <DropTool view={view} />
          <RepairTool scenario={scenario} />
        </div>
      </div>
      {later > 0 && (
        <p className="fork-note">
          Acting now, at {formatMs(view.timeMs)}, replaces the {later} later step{later === 1 ? '' : 's'} of this scenario (as an undo history does).
        </p>
      )}
    </section>
  );
}

/** Keys a scenario may name before the Key picker becomes a search field:
 *  a list of a thousand keys is slow to draw and no help to scroll. */
export const KEY_LIST_MAX = 100;
/** Suggestions the search field offers at most. */
export const KEY_SUGGESTIONS = 20;

/** The key the ring marks: a list of the scenario's keys, or, when there are
 *  more than KEY_LIST_MAX, a field that suggests the keys matching what is typed. */
const KeyPicker = memo(function KeyPicker({ scenario }: { scenario: SimScenario }) {
  const store = useAppStore();
  const selectedKey = useAppState((s) => s.selectedKey);
  const named = useMemo(() => keysOf(scenario.steps), [scenario]);
  const keys = selectedKey !== null && !named.includes(selectedKey) ? [...named, selectedKey] : named;
  const id = useId();
  if (keys.length === 0) return null;
  const select = (key: string | null) => selectKey(store, key);
  return (
    <p className="key-picker">
      <label htmlFor={id}>Key</label>{' '}
      {keys.length > KEY_LIST_MAX ? (
        <KeySearch id={id} keys={keys} selectedKey={selectedKey} onSelect={select} />
      ) : (
        <select id={id} value={selectedKey ?? ''} onChange={(e) => select(e.target.value === '' ? null : e.target.value)}>
          {selectedKey === null && <option value="">(none)</option>}
          {keys.map((k) => (
            <option key={k} value={k}>
              {k.length > 40 ? `${k.slice(0, 39)}…` : k}
            </option>
          ))}
        </select>
      )}{' '}
      <span className="field-note">
        {keys.length > KEY_LIST_MAX && `${formatCount(keys.length)} keys: type to find one; `}
        the ring marks its position and its preference list
      </span>
    </p>
  );
});

/** A text field suggesting up to KEY_SUGGESTIONS keys that contain what is
 *  typed; a key typed or picked in full is selected. */
function KeySearch({ id, keys, selectedKey, onSelect }: { id: string; keys: readonly string[]; selectedKey: string | null; onSelect: (key: string) => void }) {
  const [text, setText] = useState(selectedKey ?? '');
  // A key selected elsewhere (the ring, a lesson, a request) shows in the field.
  const [shown, setShown] = useState(selectedKey);
  if (selectedKey !== shown) {
    setShown(selectedKey);
    if (selectedKey !== null) setText(selectedKey);
  }
  const needle = text.toLowerCase();
  const suggestions: string[] = [];
  for (const k of keys) {
    if (suggestions.length === KEY_SUGGESTIONS) break;
    if (k.toLowerCase().includes(needle)) suggestions.push(k);
  }
  return (
    <>
      <input
        id={id}
        type="text"
        list={`${id}-keys`}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (keys.includes(e.target.value)) onSelect(e.target.value);
        }}
      />
      <datalist id={`${id}-keys`}>
        {suggestions.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </>
  );
}

function RequestTool({ scenario }: { scenario: SimScenario }) {
  const store = useAppStore();
  const selectedKey = useAppState((s) => s.selectedKey);
  const cluster = scenario.cluster;
  const [form, setForm] = useState<Omit<RequestForm, 'kind'>>({ client: 'alice', key: '', value: 'milk', coordinator: '', quorum: '', blind: false });
  const [keyEdited, setKeyEdited] = useState(false);
  const [tried, setTried] = useState<RequestKind | null>(null);
  const key = keyEdited ? form.key : (selectedKey ?? form.key);
  const base = useId();
  const ids = { client: `${base}-client`, key: `${base}-key`, value: `${base}-value`, coordinator: `${base}-coord`, quorum: `${base}-quorum`, blind: `${base}-blind` };
  const checked = tried ? checkRequest({ ...form, key, kind: tried }, cluster) : null;
  const errors = checked && !checked.ok ? checked.errors : {};
  // Size limits are worth saying as soon as they are passed, before any click.
  const live = checkRequest({ ...form, key: key === '' ? 'x' : key, client: form.client === '' ? 'x' : form.client, kind: 'put' }, cluster);
  const liveErrors = live.ok ? {} : live.errors;
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const send = (kind: RequestKind) => {
    setTried(kind);
    const result = checkRequest({ ...form, key, kind }, cluster);
    if (!result.ok) return;
    setTried(null);
    act(store, result.step);
    const op = store.getState().scenario.steps.length - 1;
    selectKey(store, key);
    selectOp(store, op);
  };
  return (
    <form
      className="ops-request"
      aria-label="Send a request"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send('put');
      }}
    >
      <h3>Send a request</h3>
      <div className="fields">
        <Field id={ids.client} label="Client" error={errors.client}>
          <input id={ids.client} value={form.client} onChange={(e) => set({ client: e.target.value })} aria-invalid={errors.client ? true : undefined} aria-describedby={`${ids.client}-msg`} autoComplete="off" />
        </Field>
        <Field id={ids.key} label="Request key" error={errors.key ?? liveErrors.key} note={utfNote(key, MAX_KEY_BYTES)}>
          <input
            id={ids.key}
            value={key}
            onChange={(e) => {
              setKeyEdited(true);
              set({ key: e.target.value });
            }}
            aria-invalid={errors.key || liveErrors.key ? true : undefined}
            aria-describedby={`${ids.key}-msg`}
            autoComplete="off"
          />
        </Field>
        <Field id={ids.value} label="Value (for Put)" error={errors.value ?? liveErrors.value} note={utfNote(form.value, MAX_VALUE_BYTES)}>
          <input id={ids.value} value={form.value} onChange={(e) => set({ value: e.target.value })} aria-invalid={errors.value || liveErrors.value ? true : undefined} aria-describedby={`${ids.value}-msg`} autoComplete="off" />
        </Field>
        <Field id={ids.coordinator} label="Coordinator" error={errors.coordinator} note="automatic = first node up, clockwise from the key">
          <select id={ids.coordinator} value={form.coordinator} onChange={(e) => set({ coordinator: e.target.value })} aria-describedby={`${ids.coordinator}-msg`}>
            <option value="">automatic</option>
            {cluster.nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field id={ids.quorum} label="W or R (optional)" error={errors.quorum ?? (tried ? undefined : liveErrors.quorum)} note={`default W = ${cluster.w}, R = ${cluster.r}`}>
          <input
            id={ids.quorum}
            type="number"
            min={1}
            max={cluster.n}
            inputMode="numeric"
            value={form.quorum}
            onChange={(e) => set({ quorum: e.target.value })}
            aria-invalid={errors.quorum || liveErrors.quorum ? true : undefined}
            aria-describedby={`${ids.quorum}-msg`}
          />
        </Field>
        {cluster.conflicts === 'vector' && (
          <div className="field check">
            <input id={ids.blind} type="checkbox" checked={form.blind} onChange={(e) => set({ blind: e.target.checked })} />
            <label htmlFor={ids.blind}>Blind put (no causal context: makes a sibling)</label>
          </div>
        )}
      </div>
      <div className="tool-row">
        <button type="submit" className="primary">
          Put
        </button>
        <button type="button" onClick={() => send('get')}>
          Get
        </button>
        <button type="button" onClick={() => send('delete')}>
          Delete
        </button>
      </div>
    </form>
  );
}

function utfNote(text: string, max: number): string {
  return byteNote(text, max);
}
