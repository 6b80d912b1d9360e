// "Edit scenario": cluster settings and the step list as a table. Every
// change is validated by the scenario schema; Apply is offered only for a
// valid scenario, and the message names the field (and highlights the row).

import { useEffect, useMemo, useRef, useState } from 'react';
import { parseScenario } from '../../scenario';
import type { SimScenario, StepKind } from '../../sim/types';
import { emptyStep, fromDraft, rowOfError, SETTINGS, STEP_FIELDS, STEP_KINDS, toDraft, type Draft, type DraftStep } from '../editor/draft';

export default function ScenarioEditor({ scenario, onApply, onClose }: { scenario: SimScenario; onApply: (s: SimScenario) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>(() => toDraft(scenario));
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  const result = useMemo(() => parseScenario(fromDraft(draft)), [draft]);
  const badRow = result.ok ? null : rowOfError(result.error);
  const nodes = draft.nodes.trim().split(/[\s,]+/).filter(Boolean);

  const setSetting = (name: string, value: string | boolean) => setDraft((d) => ({ ...d, settings: { ...d.settings, [name]: value } }));
  const setStep = (i: number, next: DraftStep) => setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? next : s)) }));
  const removeStep = (i: number) => setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }));
  const moveStep = (i: number, by: number) =>
    setDraft((d) => {
      const steps = [...d.steps];
      const [s] = steps.splice(i, 1);
      steps.splice(Math.max(0, Math.min(steps.length, i + by)), 0, s!);
      return { ...d, steps };
    });
  const addStep = () => setDraft((d) => ({ ...d, steps: [...d.steps, emptyStep('put', d.steps.at(-1)?.at ?? '0')] }));

  return (
    <dialog ref={ref} className="editor-dialog" aria-label="Edit scenario" onClose={onClose}>
      <h2>Edit scenario</h2>
      <div className="editor-settings">
        <label>
          Title
          <input value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
        </label>
        <label>
          Seed
          <input inputMode="numeric" value={draft.seed} onChange={(e) => setDraft({ ...draft, seed: e.currentTarget.value })} />
        </label>
        <label>
          Nodes (ids)
          <input value={draft.nodes} onChange={(e) => setDraft({ ...draft, nodes: e.currentTarget.value })} />
        </label>
        {SETTINGS.map((f) => (
          <label key={f.name} className={f.type === 'bool' ? 'check' : undefined}>
            {f.type === 'bool' ? (
              <input type="checkbox" checked={draft.settings[f.name] === true} onChange={(e) => setSetting(f.name, e.currentTarget.checked)} />
            ) : null}
            {f.label}
            {f.type === 'select' && f.options ? (
              <select value={String(draft.settings[f.name])} onChange={(e) => setSetting(f.name, e.currentTarget.value)}>
                {f.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : f.type !== 'bool' ? (
              <input value={String(draft.settings[f.name] ?? '')} onChange={(e) => setSetting(f.name, e.currentTarget.value)} />
            ) : null}
          </label>
        ))}
      </div>
      <table className="editor-steps">
        <caption>Steps (equal times run in list order)</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">At (ms)</th>
            <th scope="col">Action</th>
            <th scope="col">Details</th>
            <th scope="col">
              <span className="visually-hidden">Row tools</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.steps.map((step, i) => (
            <tr key={step.id} className={badRow === i ? 'invalid' : undefined} aria-invalid={badRow === i || undefined}>
              <td>{i}</td>
              <td>
                <input aria-label={`Step ${i} time`} className="at" value={step.at} onChange={(e) => setStep(i, { ...step, at: e.currentTarget.value })} />
              </td>
              <td>
                <select aria-label={`Step ${i} action`} value={step.do} onChange={(e) => setStep(i, { ...step, do: e.currentTarget.value as StepKind })}>
                  {STEP_KINDS.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
              </td>
              <td className="fields">
                {STEP_FIELDS[step.do].map((f) => {
                  const label = `Step ${i} ${f.label}`;
                  const value = step.fields[f.name];
                  const set = (v: string | boolean) => setStep(i, { ...step, fields: { ...step.fields, [f.name]: v } });
                  if (f.type === 'bool')
                    return (
                      <label key={f.name} className="check">
                        <input type="checkbox" checked={value === true} onChange={(e) => set(e.currentTarget.checked)} />
                        {f.label}
                      </label>
                    );
                  if (f.type === 'node')
                    return (
                      <select key={f.name} aria-label={label} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.currentTarget.value)}>
                        <option value="">{f.optional ? `${f.label}: any` : `${f.label}…`}</option>
                        {nodes.map((n) => (
                          <option key={n}>{n}</option>
                        ))}
                      </select>
                    );
                  return <input key={f.name} aria-label={label} placeholder={f.label} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.currentTarget.value)} />;
                })}
              </td>
              <td className="row-tools">
                <button type="button" aria-label={`Move step ${i} up`} disabled={i === 0} onClick={() => moveStep(i, -1)}>
                  ↑
                </button>
                <button type="button" aria-label={`Move step ${i} down`} disabled={i === draft.steps.length - 1} onClick={() => moveStep(i, 1)}>
                  ↓
                </button>
                <button type="button" aria-label={`Remove step ${i}`} onClick={() => removeStep(i)}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={addStep}>
        Add step
      </button>
      <p className={result.ok ? 'editor-status ok' : 'editor-status error'} role="status">
        {result.ok ? 'The scenario is valid.' : result.error}
      </p>
      <div className="tool-row">
        <button type="button" disabled={!result.ok} onClick={() => result.ok && onApply(result.scenario)}>
          Apply
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
