// One row of the steps table. Memoised: a keystroke re-renders the edited
// row only, whatever the table holds. Every control is named after its row
// ("Step 3 time", "Move step 3 down") and carries data-col, which the
// table's arrow keys and "Go to step" use to find the same field in another
// row.

import { memo } from 'react';
import type { SimScenario, StepKind } from '../../sim/types';
import { STEP_FIELDS, STEP_KINDS, type DraftStep } from './draft';
import { rowText, type Row } from './model';

export interface StepRowProps {
  index: number;
  row: Row;
  /** The scenario the editor opened, which holds the text of untouched rows. */
  opened: SimScenario;
  invalid: boolean;
  last: boolean;
  nodes: readonly string[];
  onEdit: (i: number, text: DraftStep) => void;
  onMove: (i: number, by: -1 | 1) => void;
  onRemove: (i: number) => void;
}

export const StepRow = memo(function StepRow({ index: i, row, opened, invalid, last, nodes, onEdit, onMove, onRemove }: StepRowProps) {
  const step = rowText({ opened }, row);
  const set = (next: DraftStep) => onEdit(i, next);
  return (
    <tr className={invalid ? 'step invalid' : 'step'} aria-rowindex={i + 2} aria-invalid={invalid || undefined} data-row={i}>
      <td>{i}</td>
      <td>
        <input aria-label={`Step ${i} time`} data-col="at" className="at" value={step.at} onChange={(e) => set({ ...step, at: e.currentTarget.value })} />
      </td>
      <td>
        <select aria-label={`Step ${i} action`} data-col="do" value={step.do} onChange={(e) => set({ ...step, do: e.currentTarget.value as StepKind })}>
          {STEP_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </td>
      <td>
        <div className="fields">
          {STEP_FIELDS[step.do].map((f) => {
            const label = `Step ${i} ${f.label}`;
            const value = step.fields[f.name];
            const setField = (v: string | boolean) => set({ ...step, fields: { ...step.fields, [f.name]: v } });
            if (f.type === 'bool')
              return (
                <label key={f.name} className="check">
                  <input type="checkbox" aria-label={label} data-col={f.name} checked={value === true} onChange={(e) => setField(e.currentTarget.checked)} />
                  {f.label}
                </label>
              );
            if (f.type === 'node')
              return (
                <select key={f.name} aria-label={label} data-col={f.name} value={typeof value === 'string' ? value : ''} onChange={(e) => setField(e.currentTarget.value)}>
                  <option value="">{f.optional ? `${f.label}: any` : `${f.label}…`}</option>
                  {nodes.map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                  {/* A node the list no longer has stays shown (and is flagged), not silently changed. */}
                  {typeof value === 'string' && value !== '' && !nodes.includes(value) ? <option>{value}</option> : null}
                </select>
              );
            return (
              <input
                key={f.name}
                aria-label={label}
                data-col={f.name}
                className={f.type}
                placeholder={f.label}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => setField(e.currentTarget.value)}
              />
            );
          })}
        </div>
      </td>
      <td className="row-tools">
        <button type="button" aria-label={`Move step ${i} up`} data-col="up" disabled={i === 0} onClick={() => onMove(i, -1)}>
          ↑
        </button>
        <button type="button" aria-label={`Move step ${i} down`} data-col="down" disabled={last} onClick={() => onMove(i, 1)}>
          ↓
        </button>
        <button type="button" aria-label={`Remove step ${i}`} data-col="remove" onClick={() => onRemove(i)}>
          ✕
        </button>
      </td>
    </tr>
  );
});
