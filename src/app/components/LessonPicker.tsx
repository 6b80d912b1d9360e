// "Lessons": the built-in library, one lesson per concept of the course.
// Opening a lesson simulates its whole run first, a tenth of a second or
// more for the larger ones (the Merkle lesson's 2,000 steps), so the dialog
// first says which lesson is opening, and opens it once that has painted.

import { useEffect, useRef, useState } from 'react';
import { LESSONS } from '../../scenario/lessons';

export default function LessonPicker({ onPick, onClose }: { onPick: (id: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [opening, setOpening] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  // Closed (Escape) before the lesson opened: it does not open.
  const closed = useRef(false);
  useEffect(() => {
    closed.current = false;
    return () => {
      closed.current = true;
    };
  }, []);
  const open = (id: string) => {
    if (opening !== null) return;
    setOpening(id);
    // A frame's callback runs before its paint; a task queued from it runs after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (!closed.current) onPick(id);
      }, 0),
    );
  };
  return (
    <dialog ref={ref} className="lesson-picker" aria-label="Lessons" onClose={onClose}>
      <h2>Lessons</h2>
      <ol>
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" aria-busy={opening === l.id || undefined} disabled={opening !== null && opening !== l.id} onClick={() => open(l.id)}>
              {l.number}. {l.title}
            </button>
            <p>{l.summary}</p>
            {opening === l.id && (
              <p role="status" className="lesson-opening">
                Opening lesson {l.number}…
              </p>
            )}
          </li>
        ))}
      </ol>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
