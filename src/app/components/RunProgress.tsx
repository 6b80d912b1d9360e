// While a heavy run is computed in the worker: the events done so far out
// of the cap, the Timeline keys pressed meanwhile (carried out when it
// appears: state/heldKeys.ts; a key pressed in a row shows once, "→ ×12"),
// and a Cancel button that goes back to what was shown before (or to the
// default scenario, for a link being opened).

import { useAppStore } from '../context';
import { formatCount } from '../format';
import { loadScenario, showAlert } from '../state/actions';
import type { HeldRun } from '../state/heldKeys';
import { cancelRun } from '../state/runLoader';
import { DEFAULT_SCENARIO } from '../../scenario';
import { keyLabel } from './Shortcuts';

export function RunProgress({ events, cap, held }: { events: number; cap: number; held: readonly HeldRun[] }) {
  const store = useAppStore();
  const cancel = () => {
    const stopped = cancelRun();
    const done = stopped?.events ?? events;
    const said = done > 0 ? `Simulation stopped after ${formatCount(done)} events.` : 'Simulation stopped.';
    if (stopped?.before) {
      loadScenario(store, stopped.before.scenario, { at: stopped.before.cursor });
      showAlert(store, `${said} Showing your previous scenario again.`);
    } else {
      loadScenario(store, structuredClone(DEFAULT_SCENARIO));
      showAlert(store, `${said} Showing the default scenario instead; Back returns to the link.`);
    }
  };
  return (
    <section className="run-progress" aria-label="Simulating">
      <h2>Simulating…</h2>
      <progress max={cap} value={events} aria-label="Events simulated" aria-valuetext={`${formatCount(events)} events`} />
      <p role="status">
        {formatCount(events)} events so far (a run stops at {formatCount(cap)}).
      </p>
      <p role="status" aria-label="Keys held" className="held-keys">
        {held.length > 0 && (
          <>
            Keys pressed:{' '}
            {held.map(([k, times], i) => (
              <span key={i}>
                {i > 0 && ' '}
                <kbd>{keyLabel(k)}</kbd>
                {times > 1 && ` ×${times}`}
              </span>
            ))}{' '}
            — carried out when the Timeline appears.
          </>
        )}
      </p>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </section>
  );
}
