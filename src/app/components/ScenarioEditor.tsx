// "Edit scenario": cluster settings and the step list as a table. Every
// change is validated by the scenario schema; Apply is offered only for a
// valid scenario, and the message names the field (and highlights the row,
// which "Go to step" scrolls to).
//
// It scales to MAX_STEPS: the table draws only the rows in view
// (editor/StepsTable.tsx), and an edit re-validates only what it changed
// (editor/model.ts). A draft that differs from the scenario it was opened
// from is never dropped silently: Escape and Cancel ask first, and leaving
// the page makes the browser ask.

import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SimScenario } from '../../sim/types';
import { SETTINGS, settingLabel, settingShown, type HeaderText } from '../editor/draft';
import { DiscardPrompt } from '../editor/DiscardPrompt';
import { addStep, canAdd, fieldOfError, isDirty, openDraft, scenarioOf, setHeader, setSetting, verdict, type EditorDraft } from '../editor/model';
import { StepsTable, type StepsTableHandle } from '../editor/StepsTable';
import { useBeforeUnload } from '../editor/useBeforeUnload';
import { editorWords } from '../editor/words';
import { formatCount } from '../format';
import '../editor/editor.css';

export default function ScenarioEditor({ scenario, onApply, onClose }: { scenario: SimScenario; onApply: (s: SimScenario) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const table = useRef<StepsTableHandle>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const stepsTitle = useId();
  const [draft, setDraft] = useState<EditorDraft>(() => openDraft(scenario));
  const update = useCallback((f: (d: EditorDraft) => EditorDraft) => setDraft(f), []);
  const result = useMemo(() => verdict(draft), [draft]);
  const dirty = isDirty(draft);
  useBeforeUnload(dirty);

  // Asking "Discard your changes?"; focus goes back where it was if the answer is no.
  const [asking, setAsking] = useState(false);
  const returnFocus = useRef<Element | null>(null);
  const requestClose = () => {
    if (!dirty) {
      onClose();
      return;
    }
    returnFocus.current = document.activeElement;
    setAsking(true);
  };
  useEffect(() => {
    if (asking || !returnFocus.current) return;
    const el = returnFocus.current;
    returnFocus.current = null;
    (el instanceof HTMLElement && el.isConnected ? el : cancelButton.current)?.focus();
  }, [asking]);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    // A modal owns the keyboard: the page's shortcuts (arrows step the run,
    // "p" is presenter mode) must not act behind it.
    e.stopPropagation();
    if (e.key === 'Escape' && !e.defaultPrevented) {
      // Handled here rather than by the dialog's cancel event, which a
      // browser may make uncancelable (Chromium does after one refusal
      // without a click or keystroke in between).
      e.preventDefault();
      requestClose();
    }
  };

  const apply = () => {
    const s = scenarioOf(draft);
    if (s) onApply(s);
  };

  const add = () => {
    const i = draft.rows.length;
    setDraft((d) => addStep(d, 'put'));
    table.current?.reveal(i, 'do');
  };

  // Values are read from the event now: React may run a state updater after
  // the event is over, when currentTarget is gone.
  const header = (patch: Partial<HeaderText>) => setDraft((d) => setHeader(d, patch));
  const setting = (name: string, value: string | boolean) => setDraft((d) => setSetting(d, name, value));

  const badRow = result.ok ? null : result.row;
  const h = draft.header;
  return (
    <dialog
      ref={ref}
      className="editor-dialog"
      aria-label="Edit scenario"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        requestClose();
      }}
      onClose={() => {
        // Closed by the browser itself (a close request we could not refuse):
        // with changes, come back and ask rather than lose them.
        if (!dirty) onClose();
        else {
          ref.current?.showModal?.();
          if (!asking) requestClose();
        }
      }}
    >
      <h2>Edit scenario</h2>
      <div className="editor-settings">
        <label>
          Title
          <input value={h.title} onChange={(e) => header({ title: e.currentTarget.value })} />
        </label>
        <label>
          Seed
          <input inputMode="numeric" value={h.seed} onChange={(e) => header({ seed: e.currentTarget.value })} />
        </label>
        <label>
          Nodes (ids)
          <input value={h.nodes} onChange={(e) => header({ nodes: e.currentTarget.value })} />
        </label>
        {SETTINGS.filter((f) => settingShown(f, h.settings)).map((f) => (
          <label key={f.name} className={f.type === 'bool' ? 'check' : undefined}>
            {f.type === 'bool' ? (
              <input type="checkbox" checked={h.settings[f.name] === true} onChange={(e) => setting(f.name, e.currentTarget.checked)} />
            ) : null}
            {settingLabel(f, h.settings)}
            {f.type === 'select' && f.options ? (
              <select value={String(h.settings[f.name])} onChange={(e) => setting(f.name, e.currentTarget.value)}>
                {f.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : f.type !== 'bool' ? (
              <input value={String(h.settings[f.name] ?? '')} onChange={(e) => setting(f.name, e.currentTarget.value)} />
            ) : null}
          </label>
        ))}
      </div>
      <div className="editor-steps-head">
        <h3 id={stepsTitle}>Steps ({formatCount(draft.rows.length)})</h3>
        <p>Equal times run in list order. ↑ and ↓ in a field move to the row above or below.</p>
      </div>
      <StepsTable ref={table} draft={draft} update={update} labelledBy={stepsTitle} />
      <div className="tool-row">
        <button type="button" onClick={add} disabled={!canAdd(draft)}>
          Add step
        </button>
      </div>
      <p className={result.ok ? 'editor-status ok' : 'editor-status error'} role="status">
        {result.ok ? 'The scenario is valid.' : editorWords(result.error)}
      </p>
      <div className="tool-row">
        {badRow !== null && !result.ok ? (
          <button type="button" onClick={() => table.current?.reveal(badRow, fieldOfError(result.error), 'center')}>
            Go to step {badRow}
          </button>
        ) : null}
        <button type="button" disabled={!result.ok} onClick={apply}>
          Apply
        </button>
        <button type="button" ref={cancelButton} onClick={requestClose}>
          Cancel
        </button>
      </div>
      {asking ? <DiscardPrompt onKeep={() => setAsking(false)} onDiscard={onClose} /> : null}
    </dialog>
  );
}
