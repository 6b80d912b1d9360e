// "Discard your changes?": asked before an unapplied draft is thrown away.
// A modal <dialog> of its own inside the editor's (so the editor behind it
// is inert and focus stays here), with the alertdialog role, because it
// interrupts to ask about something that cannot be undone. The safe answer,
// Keep editing, has focus, and Escape means it too.

import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

export function DiscardPrompt({ onDiscard, onKeep }: { onDiscard: () => void; onKeep: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const title = useId();
  const body = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    keep.current?.focus();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // Ours to answer: neither the browser's close request nor the editor
    // behind (whose own Escape asks this question) should see it.
    e.preventDefault();
    e.stopPropagation();
    onKeep();
  };
  return (
    <dialog
      ref={ref}
      className="discard-prompt"
      role="alertdialog"
      aria-labelledby={title}
      aria-describedby={body}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <h3 id={title}>Discard your changes?</h3>
      <p id={body}>Your edits have not been applied. Discarding them leaves the scenario as it was.</p>
      <div className="tool-row">
        <button type="button" ref={keep} onClick={onKeep}>
          Keep editing
        </button>
        <button type="button" className="danger" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </dialog>
  );
}
