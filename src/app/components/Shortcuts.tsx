// The `?` dialog listing keyboard shortcuts.

import { useEffect, useRef } from 'react';

/** Every key the page handles (src/app/keyboard.ts), as printed on the
 *  keyboard. A test checks this list against keyboard.ts. */
export const SHORTCUTS: readonly (readonly [readonly string[], string])[] = [
  [['Space'], 'Play / pause'],
  [['←', '→'], 'One event back / forward'],
  [['Home', 'End'], 'Jump to the start / the end'],
  [['PageDown', 'n'], 'Next stage: the lesson’s next stage, or just before the next step (a presentation clicker’s “next”)'],
  [['PageUp', 'b'], 'Previous stage (a clicker’s “back”)'],
  [['p'], 'Presenter mode on / off: larger type, the narration as a caption'],
  [['?'], 'Show this list'],
  [['Esc'], 'Close this list, a dialog or a menu'],
];

/** A KeyboardEvent's key as the list prints it ("Space" for " ", "→" for ArrowRight). */
export function keyLabel(key: string): string {
  return PRINTED[key] ?? key;
}
const PRINTED: Record<string, string> = { ' ': 'Space', ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc' };

export function Shortcuts({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts" aria-label="Keyboard shortcuts" onClose={onClose}>
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, v]) => (
          <div key={keys.join()}>
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' / '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="hint-text">While a long run is being simulated, the Timeline’s keys are held and carried out when it appears.</p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
