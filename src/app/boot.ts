// What the page opens with: the scenario in the link, or the default one.
// A link that cannot be loaded is announced (role="alert") with the reason,
// and the app falls back to the default scenario.

import { decodeScenario, DEFAULT_SCENARIO } from '../scenario';
import type { SimScenario } from '../sim/types';

export interface Boot {
  scenario: SimScenario;
  at: number;
  alert: string | null;
}

export function bootFromHash(hash: string): Boot {
  const fallback: Boot = { scenario: structuredClone(DEFAULT_SCENARIO), at: 0, alert: null };
  // `#local`: the scenario is in this browser's storage (restored by the app).
  if (hash === '' || hash === '#' || hash === '#local') return fallback;
  const decoded = decodeScenario(hash);
  if (!decoded.ok) return { ...fallback, alert: `This link could not be opened — ${decoded.error}. Showing the default scenario instead.` };
  return { scenario: decoded.scenario, at: decoded.at ?? 0, alert: null };
}
