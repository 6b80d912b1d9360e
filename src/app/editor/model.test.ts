import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, parseScenario } from '../../scenario';
import { MAX_STEPS } from '../../scenario/limits';
import { validScenario } from '../../scenario/testing/arbitraries';
import type { SimScenario, Step, StepKind } from '../../sim/types';
import { fromDraft, rowOfError, sameStepText, STEP_KINDS, toDraft, type Draft, type DraftStep } from './draft';
import {
  addStep,
  canAdd,
  editStep,
  fieldOfError,
  isDirty,
  moveStep,
  openDraft,
  removeStep,
  rowText,
  scenarioOf,
  setHeader,
  setSetting,
  verdict,
  type EditorDraft,
} from './model';
import { validations } from './validate';

/** The draft as plain text, the way the old editor held it: the oracle's input. */
function asText(d: EditorDraft): Draft {
  return { ...d.header, steps: d.rows.map((r) => rowText(d, r)) };
}

/** What parseScenario says about the whole draft: the editor must say exactly the same. */
function expectSameAsWholeParse(d: EditorDraft): void {
  const whole = parseScenario(fromDraft(asText(d)));
  const v = verdict(d);
  if (whole.ok) {
    expect(v).toEqual({ ok: true });
    expect(scenarioOf(d)).toEqual(whole.scenario);
  } else {
    expect(v).toEqual({ ok: false, error: whole.error, row: rowOfError(whole.error) });
    expect(scenarioOf(d)).toBeNull();
  }
}

/** Dirty means: reads differently from the scenario it was opened from. */
function differsFromOpened(d: EditorDraft): boolean {
  const now = asText(d);
  const then = toDraft(d.opened);
  if (JSON.stringify({ ...now, steps: [] }) !== JSON.stringify({ ...then, steps: [] })) return true;
  return now.steps.length !== then.steps.length || now.steps.some((s, i) => !sameStepText(s, then.steps[i]!));
}

/** A valid scenario as the editor shows it (text round trip), so both sides start from the same steps. */
function opened(s: SimScenario): SimScenario {
  const p = parseScenario(fromDraft(toDraft(s)));
  if (!p.ok) throw new Error(`round trip failed: ${p.error}`);
  return p.scenario;
}

const words = fc.constantFrom('', ' ', 'n1', 'n2', 'n3', 'n5', 'n9', 'x', '0', '1', '2', '3', '7', '-1', '2.5', 'abc', 'n1 n2 | n3', 'n1 n1', 'n1 | n1 n2', '1e3');

/** One thing a user does in the editor. */
type Action = (d: EditorDraft) => EditorDraft;

const action: fc.Arbitrary<Action> = fc.oneof(
  // a keystroke in a row: any field (of any kind), the time, or the kind
  fc.record({ pick: fc.nat(), field: fc.constantFrom('at', 'client', 'key', 'value', 'coordinator', 'w', 'r', 'node', 'from', 'to', 'a', 'b', 'groups', 'offsetMs', 'rate', 'ts'), value: words }).map(
    ({ pick, field, value }): Action =>
      (d) => {
        if (d.rows.length === 0) return d;
        const i = pick % d.rows.length;
        const text = rowText(d, d.rows[i]!);
        const next: DraftStep = field === 'at' ? { ...text, at: value } : { ...text, fields: { ...text.fields, [field]: value } };
        return editStep(d, i, next);
      },
  ),
  fc.record({ pick: fc.nat(), kind: fc.constantFrom(...STEP_KINDS) }).map(
    ({ pick, kind }): Action =>
      (d) => {
        if (d.rows.length === 0) return d;
        const i = pick % d.rows.length;
        return editStep(d, i, { ...rowText(d, d.rows[i]!), do: kind });
      },
  ),
  fc.record({ pick: fc.nat(), blind: fc.boolean() }).map(
    ({ pick, blind }): Action =>
      (d) => {
        if (d.rows.length === 0) return d;
        const i = pick % d.rows.length;
        const t = rowText(d, d.rows[i]!);
        return editStep(d, i, { ...t, fields: { ...t.fields, blind, wipe: blind } });
      },
  ),
  fc.constantFrom('n1 n2 n3', 'n1 n2 n3 n4 n5', 'n1 n2 n3 n4 n5 n9', 'a b', '', 'n1 n1', '5').map((nodes): Action => (d) => setHeader(d, { nodes })),
  fc.record({ name: fc.constantFrom('n', 'w', 'r', 'vnodes', 'dropRate', 'latency'), value: words }).map(({ name, value }): Action => (d) => setSetting(d, name, value)),
  fc.record({ pick: fc.nat(), up: fc.boolean() }).map(({ pick, up }): Action => (d) => (d.rows.length === 0 ? d : moveStep(d, pick % d.rows.length, up ? -1 : 1))),
  fc.nat().map((pick): Action => (d) => (d.rows.length === 0 ? d : removeStep(d, pick % d.rows.length))),
  fc.constantFrom<StepKind>(...STEP_KINDS).map((kind): Action => (d) => addStep(d, kind)),
);

function manySteps(count: number): SimScenario {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) steps.push({ at: i, do: 'put', client: 'alice', key: `k${i % 50}`, value: `v${i}` });
    else if (i % 4 === 1) steps.push({ at: i, do: 'get', client: 'bob', key: `k${i % 50}`, r: 1 });
    else if (i % 4 === 2) steps.push({ at: i, do: 'load', node: `n${1 + (i % 5)}`, key: `k${i % 50}`, value: 'old' });
    else steps.push({ at: i, do: 'cut', from: 'n1', to: 'n2' });
  }
  return { ...structuredClone(DEFAULT_SCENARIO), steps };
}

describe('the editor draft, validated row by row', () => {
  it('says exactly what parseScenario says of the whole draft, after any sequence of edits', () => {
    fc.assert(
      fc.property(validScenario, fc.array(action, { maxLength: 12 }), (scenario, actions) => {
        let d = openDraft(opened(scenario));
        expectSameAsWholeParse(d);
        expect(isDirty(d)).toBe(false);
        for (const act of actions) {
          d = act(d);
          expectSameAsWholeParse(d);
          expect(isDirty(d)).toBe(differsFromOpened(d));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a keystroke in a row validates that row alone, and a settings keystroke the settings alone, at 200,000 steps', () => {
    let d = openDraft(manySteps(MAX_STEPS));
    const before = { ...validations };
    const row = d.rows[123_456]!;
    d = editStep(d, 123_456, { ...rowText(d, row), at: '99' });
    expect(verdict(d)).toEqual({ ok: true });
    expect(validations.steps - before.steps).toBe(1);
    expect(validations.headers - before.headers).toBe(0);

    const mid = { ...validations };
    d = setSetting(d, 'w', '3');
    expect(verdict(d)).toEqual({ ok: true });
    expect(validations.steps - mid.steps).toBe(0);
    expect(validations.headers - mid.headers).toBe(1);
  });

  it('keeps a keystroke fast at 200,000 steps, valid or not (a whole parse takes about a second)', () => {
    let d = openDraft(manySteps(MAX_STEPS));
    const times: number[] = [];
    for (let k = 0; k < 30; k++) {
      const i = (k * 7919) % d.rows.length;
      const t0 = performance.now();
      const text = rowText(d, d.rows[i]!);
      d = editStep(d, i, { ...text, at: `${text.at}${k % 10}` });
      verdict(d);
      isDirty(d);
      times.push(performance.now() - t0);
    }
    // The last row names a node the cluster lacks: the message must find it.
    d = editStep(d, MAX_STEPS - 1, { at: '5', do: 'kill', fields: { node: 'n9' } });
    const t0 = performance.now();
    const v = verdict(d);
    times.push(performance.now() - t0);
    expect(v).toEqual({ ok: false, error: `steps[${MAX_STEPS - 1}].node: unknown node "n9"`, row: MAX_STEPS - 1 });
    times.sort((a, b) => a - b);
    // Generous for a loaded CI machine: the target in the browser is 50 ms from key to frame.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(25);
  });

  it('a cluster change re-checks every row through the tally: dropping a node the steps use is caught', () => {
    let d = openDraft(manySteps(1000));
    d = setHeader(d, { nodes: 'n1 n2 n3 n4' });
    // Row 2 loads onto n3; row 14 is the first load onto n5.
    expect(verdict(d)).toEqual({ ok: false, error: 'steps[14].node: unknown node "n5"', row: 14 });
    d = setHeader(d, { nodes: 'n1 n2 n3 n4 n5' });
    expect(verdict(d)).toEqual({ ok: true });
    expect(isDirty(d)).toBe(false);
  });

  it('is clean again when an edit is undone by hand, a move moved back, an added row removed', () => {
    const base = openDraft(manySteps(10));
    const text = rowText(base, base.rows[3]!);
    let d = editStep(base, 3, { ...text, fields: { ...text.fields, to: 'n3' } });
    expect(isDirty(d)).toBe(true);
    d = editStep(d, 3, text);
    expect(isDirty(d)).toBe(false);
    d = moveStep(d, 4, 1);
    expect(isDirty(d)).toBe(true);
    d = moveStep(d, 5, -1);
    expect(isDirty(d)).toBe(false);
    d = addStep(d, 'heal');
    expect(isDirty(d)).toBe(true);
    d = removeStep(d, 10);
    expect(isDirty(d)).toBe(false);
    d = setSetting(d, 'r', '1');
    expect(isDirty(d)).toBe(true);
    d = setSetting(d, 'r', '2');
    expect(isDirty(d)).toBe(false);
  });

  it('refuses to add a step past MAX_STEPS', () => {
    const d = openDraft(manySteps(MAX_STEPS));
    expect(canAdd(d)).toBe(false);
    expect(addStep(d, 'heal')).toBe(d);
  });

  it('finds the field an error names, in the editor’s column names', () => {
    expect(fieldOfError('steps[3].node: unknown node "n9"')).toBe('node');
    expect(fieldOfError('steps[8].nodes[1]: unknown node "n9"')).toBe('b');
    expect(fieldOfError('steps[8].nodes: must name two different nodes (both are "n1")')).toBe('a');
    expect(fieldOfError('steps[5].groups[0][1]: unknown node "n9"')).toBe('groups');
    expect(fieldOfError('steps[2]: unknown step "pot"')).toBe('do');
    expect(fieldOfError('cluster.w: must be at most n (3)')).toBeNull();
  });
});
