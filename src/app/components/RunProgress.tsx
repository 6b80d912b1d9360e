// While a heavy run is computed in the worker: the events done so far out
// of the cap, and a Cancel button that goes back to what was shown before
// (or to the default scenario, for a link that was being opened).

import { useAppStore } from '../context';
import { loadScenario, showAlert } from '../state/actions';
import { cancelRun } from '../state/runLoader';
import { DEFAULT_SCENARIO } from '../../scenario';

export function RunProgress({ events, cap }: { events: number; cap: number }) {
  const store = useAppStore();
  const cancel = () => {
    const stopped = cancelRun();
    const done = (stopped?.events ?? events).toLocaleString('en');
    if (stopped?.before) {
      loadScenario(store, stopped.before.scenario, { at: stopped.before.cursor });
      showAlert(store, `Simulation stopped after ${done} events. Showing your previous scenario again.`);
    } else {
      loadScenario(store, structuredClone(DEFAULT_SCENARIO));
      showAlert(store, `Simulation stopped after ${done} events. Showing the default scenario instead; Back returns to the link.`);
    }
  };
  return (
    <section className="run-progress" aria-label="Simulating">
      <h2>Simulating…</h2>
      <progress max={cap} value={events} aria-label="Events simulated" aria-valuetext={`${events.toLocaleString('en')} events`} />
      <p role="status">
        {events.toLocaleString('en')} events so far (a run stops at {cap.toLocaleString('en')}).
      </p>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </section>
  );
}
