// What the page opens with: the scenario in the link, or the default one.
// A link that cannot be loaded is announced (role="alert") with the reason,
// and the app falls back to the default scenario.

import { decodeScenario, DEFAULT_SCENARIO } from '../scenario';
import type { NodeId, SimScenario } from '../sim/types';

export interface Boot {
  scenario: SimScenario;
  at: number;
  /** The node the link had selected, if it names one. */
  node: NodeId | null;
  alert: string | null;
}

/** The alert for a link that could not be opened: the decoder's reason,
 *  then what the page does instead (`outcome`, a sentence). The reason may
 *  end in its own question mark. */
export function badLinkAlert(error: string, outcome: string): string {
  const reason = /[.?!]$/.test(error) ? error : `${error}.`;
  return `This link could not be opened — ${reason} ${outcome}`;
}

export function bootFromHash(hash: string): Boot {
  const fallback: Boot = { scenario: structuredClone(DEFAULT_SCENARIO), at: 0, node: null, alert: null };
  // `#local`: the scenario is in this browser's storage (restored by the app).
  if (hash === '' || hash === '#' || hash === '#local') return fallback;
  const decoded = decodeScenario(hash);
  if (!decoded.ok) return { ...fallback, alert: badLinkAlert(decoded.error, 'Showing the default scenario instead.') };
  return { scenario: decoded.scenario, at: decoded.at ?? 0, node: decoded.node ?? null, alert: null };
}
