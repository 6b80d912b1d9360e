import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, encodeScenario } from '../scenario';
import { badLinkAlert, bootFromHash } from './boot';

describe('bootFromHash', () => {
  it('opens a link at its position with its node selected', () => {
    const boot = bootFromHash(encodeScenario(DEFAULT_SCENARIO, { at: 5, node: 'n3' }));
    expect(boot).toEqual({ scenario: DEFAULT_SCENARIO, at: 5, node: 'n3', alert: null });
  });

  it('opens a link without a node with nothing selected', () => {
    expect(bootFromHash(encodeScenario(DEFAULT_SCENARIO, { at: 5 }))).toEqual({ scenario: DEFAULT_SCENARIO, at: 5, node: null, alert: null });
  });

  it('words a link changed in copying as one question, not "copied?."', () => {
    const boot = bootFromHash('#s=abc%20def');
    expect(boot.alert).toBe(
      'This link could not be opened — link: contains "%" (character 4 after #s=), which a scenario link never has; was it changed when copied? Showing the default scenario instead.',
    );
    expect(boot.scenario).toEqual(DEFAULT_SCENARIO);
  });
});

describe('badLinkAlert', () => {
  it('ends a reason without punctuation with a full stop', () => {
    expect(badLinkAlert('link: empty (nothing after #s=)', 'Showing the default scenario instead.')).toBe(
      'This link could not be opened — link: empty (nothing after #s=). Showing the default scenario instead.',
    );
  });
});
