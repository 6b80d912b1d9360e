import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, parseScenario } from '../../scenario';
import type { SimScenario } from '../../sim/types';
import { emptyStep, fromDraft, LATENCY_PER_LEG, ONE_LATENCY, rowOfError, settingLabel, SETTINGS, settingShown, STEP_FIELDS, toDraft } from './draft';

const rich: SimScenario = {
  ...structuredClone(DEFAULT_SCENARIO),
  title: 'Every kind of step <b>',
  network: { latency: { kind: 'uniform', min: 1, max: 9 }, dropRate: 0.1, duplicateRate: 0 },
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk, flour', coordinator: 'n2', w: 1, blind: true },
    { at: 1, do: 'get', client: 'bob', key: 'cart', r: 3 },
    { at: 2, do: 'delete', client: 'bob', key: 'cart' },
    { at: 3, do: 'kill', node: 'n3', wipe: true },
    { at: 4, do: 'revive', node: 'n3' },
    { at: 5, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
    { at: 6, do: 'cut', from: 'n1', to: 'n2' },
    { at: 7, do: 'heal' },
    { at: 8, do: 'repair', nodes: ['n1', 'n4'] },
    { at: 9, do: 'skew', node: 'n5', offsetMs: -60000 },
    { at: 10, do: 'drop', rate: 0.25 },
    { at: 11, do: 'load', node: 'n1', key: 'x', value: 'old', ts: 3 },
  ],
};

describe('scenario editor draft', () => {
  it('round-trips every kind of step and every setting through the schema', () => {
    const parsed = parseScenario(fromDraft(toDraft(rich)));
    expect(parsed.ok && parsed.scenario).toEqual(rich);
  });

  it('shows and takes rates as percentages, as under the ring; the scenario keeps 0 to 1', () => {
    const d = toDraft(rich);
    expect(d.settings.dropRate).toBe('10');
    expect(d.steps[10]!.fields.rate).toBe('25');
    expect(SETTINGS.find((f) => f.name === 'dropRate')?.label).toBe('Drop rate (%)');
    expect(STEP_FIELDS.drop[0]?.label).toBe('Rate (%)');
    d.settings.dropRate = '5';
    d.settings.duplicateRate = '2.5';
    d.steps[10]!.fields.rate = '40';
    const parsed = parseScenario(fromDraft(d));
    expect(parsed.ok && parsed.scenario.network).toMatchObject({ dropRate: 0.05, duplicateRate: 0.025 });
    expect(parsed.ok && parsed.scenario.steps[10]).toEqual({ at: 10, do: 'drop', rate: 0.4 });
  });

  it('reads a latency written with an exponent as a number, not as a range', () => {
    for (const latency of [
      { kind: 'fixed', ms: 5e-324 },
      { kind: 'uniform', min: 1e-7, max: 2.5e-3 },
      { kind: 'exponential', mean: 1e-9 },
    ] as const) {
      const s: SimScenario = { ...rich, network: { ...rich.network, latency } };
      const parsed = parseScenario(fromDraft(toDraft(s)));
      expect(parsed.ok && parsed.scenario.network.latency).toEqual(latency);
    }
  });

  it('round-trips latency given per leg, an empty leg meaning "as write"', () => {
    const s: SimScenario = { ...rich, network: { ...rich.network, latency: { write: { kind: 'exponential', mean: 10 }, response: { kind: 'uniform', min: 1, max: 2 } } } };
    const d = toDraft(s);
    expect(d.settings).toMatchObject({ latencyForm: LATENCY_PER_LEG, latency: 'exp 10', 'latency.ack': '', 'latency.read': '', 'latency.response': '1-2' });
    const parsed = parseScenario(fromDraft(d));
    expect(parsed.ok && parsed.scenario).toEqual(s);
  });

  it('shows the other legs only per leg, where the one latency field becomes the write leg', () => {
    const d = toDraft(rich);
    const ack = SETTINGS.find((f) => f.name === 'latency.ack')!;
    const one = SETTINGS.find((f) => f.name === 'latency')!;
    expect(d.settings.latencyForm).toBe(ONE_LATENCY);
    expect(settingShown(ack, d.settings)).toBe(false);
    expect(settingLabel(one, d.settings)).toBe('Latency (5 · 1-10 · exp 8)');
    d.settings.latencyForm = LATENCY_PER_LEG;
    d.settings['latency.ack'] = 'exp 0.5';
    expect(settingShown(ack, d.settings)).toBe(true);
    expect(settingLabel(one, d.settings)).toBe('Write latency (5 · 1-10 · exp 8)');
    const parsed = parseScenario(fromDraft(d));
    expect(parsed.ok && parsed.scenario.network.latency).toEqual({ write: { kind: 'uniform', min: 1, max: 9 }, ack: { kind: 'exponential', mean: 0.5 } });
    // Back to one for all: the write leg's text is the one latency, the others are not sent.
    d.settings.latencyForm = ONE_LATENCY;
    const again = parseScenario(fromDraft(d));
    expect(again.ok && again.scenario.network.latency).toEqual({ kind: 'uniform', min: 1, max: 9 });
  });

  it('names the field and row of a mistake, as a link or file would', () => {
    const d = toDraft(rich);
    d.steps[3]!.fields.node = 'n9';
    const parsed = parseScenario(fromDraft(d));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toBe('steps[3].node: unknown node "n9"');
      expect(rowOfError(parsed.error)).toBe(3);
    }
  });

  it('keeps a non-number typed in a number field so the schema can name it', () => {
    const d = toDraft(rich);
    d.settings.w = 'two';
    const parsed = parseScenario(fromDraft(d));
    expect(!parsed.ok && parsed.error.startsWith('cluster.w')).toBe(true);
  });

  it('a new empty step is reported as incomplete, not accepted', () => {
    const d = toDraft(rich);
    d.steps.push(emptyStep('kill', '20'));
    const parsed = parseScenario(fromDraft(d));
    expect(!parsed.ok && rowOfError(parsed.error)).toBe(12);
  });
});
